import { NotFoundError } from '../errors.js';
import type { Db } from '../storage/database.js';
import { citizenReportByPost, photosOfReport } from '../storage/citizen-reports.js';
import { publicStatus } from './public-status.js';

/** A report as staff read it beside its post on the lead page: place picked or typed, contact, photos with their GPS hints. */
export function staffReportView(db: Db, postId: number) {
  const r = citizenReportByPost(db, postId);
  if (!r) throw new NotFoundError(`帖子 ${postId} 不是市民随手拍的反映`);
  const status = publicStatus(db, r.ref);
  return {
    ref: r.ref,
    submitted_at: r.created_at,
    status: status.status,
    status_label: status.status_label,
    place: { text: r.place_text, picked: r.place_kind !== null, kind: r.place_kind, district: r.district, street: r.street, place: r.place },
    contact: r.contact,
    photos: photosOfReport(db, r.id).map((p) => ({
      url: `/api/citizen-photos/${p.file}`, width: p.width, height: p.height, bytes: p.bytes,
      gps: p.gps_lat === null ? null : { lat: p.gps_lat, lon: p.gps_lon, district: p.gps_district, note: p.gps_note },
    })),
  };
}
