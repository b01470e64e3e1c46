import type { AppContext } from '../context.js';
import { ValidationError } from '../errors.js';
import { inTransaction } from '../storage/database.js';
import { insertCitizenPhoto, insertCitizenReport, type NewCitizenPhoto } from '../storage/citizen-reports.js';
import { storePosts } from '../storage/posts.js';
import { spendFormToken } from './form-tokens.js';
import { placeOfGps } from './gps-place.js';
import type { UploadedFile } from './photo-check.js';
import { checkPhoto } from './photo-check.js';
import { removePhotos, writePhoto } from './photo-files.js';
import { reencodePhoto } from './photo-reencode.js';
import { exactPlace, placeById, type PlaceChoice } from './place-suggest.js';
import { newReference } from './reference-number.js';
import type { ReportFields } from './report-form.js';
import { CITIZEN_PLATFORM } from './report-verdict.js';

export interface SubmittedReport {
  ref: string;
  postId: number;
  submittedAt: string;
  photos: number;
}

const unitFields = (c: PlaceChoice) => ({ district: c.district, street: c.street, place: c.kind === 'place' || c.kind === 'community' ? c.name : null });

/**
 * The place as stored: a gazetteer unit when the resident picked a suggestion (place_kind set);
 * typed text as typed, placed only when it is exactly one unit's name (place_kind stays NULL).
 */
function placeOf(ctx: AppContext, f: ReportFields) {
  const { rulesDir, city } = ctx.config;
  if (f.place_id) {
    const c = placeById(rulesDir, city, f.place_id);
    if (!c) throw new ValidationError('所选地点不在地名库中：请重新从提示中选择，或直接输入地点', 'place_id');
    return { place_text: c.label, place_kind: c.kind, ...unitFields(c) };
  }
  const named = f.place_text ? exactPlace(rulesDir, city, f.place_text) : undefined;
  return { place_text: f.place_text ?? null, place_kind: null, ...(named ? unitFields(named) : { district: null, street: null, place: null }) };
}

/**
 * Stores a resident's report: every photo checked by its bytes and re-encoded (GPS read first,
 * turned into a place hint), then in one transaction the post (platform `citizen`, through
 * storePosts as crawled posts go), the report with its place and contact, its photos, and the
 * form token spent. Photos written for a report that is then not stored are removed. The
 * pipeline judges the post afterwards (the caller drains it), filing it into the review queue.
 */
export async function submitReport(ctx: AppContext, f: ReportFields, files: readonly UploadedFile[], address: string, now = new Date()): Promise<SubmittedReport> {
  const checked = files.map((file) => {
    const c = checkPhoto(file, ctx.config.citizenPhotoMaxBytes);
    if (!c.ok) throw new ValidationError(c.message, 'photos');
    return { file, kind: c.kind };
  });
  const place = placeOf(ctx, f);
  const photos: NewCitizenPhoto[] = [];
  try {
    for (const { file, kind } of checked) {
      const p = await reencodePhoto(file.name, file.bytes, kind, ctx.config.citizenPhotoMaxDimension);
      const hint = p.gps ? placeOfGps(p.gps) : null;
      photos.push({
        file: writePhoto(ctx.config.dataDir, p.bytes, 'jpg'), mime: p.mime, bytes: p.bytes.length, width: p.width, height: p.height, original_kind: kind,
        gps_lat: p.gps ? Math.round(p.gps.lat * 1e5) / 1e5 : null, gps_lon: p.gps ? Math.round(p.gps.lon * 1e5) / 1e5 : null,
        gps_district: hint?.district ?? null, gps_note: hint?.note ?? null,
      });
    }
    const submittedAt = now.toISOString();
    const ref = newReference(ctx.config.citizenRefPrefix, now);
    const postId = inTransaction(ctx.db, () => {
      spendFormToken(ctx.db, f.form_token, now);
      const stored = storePosts(ctx.db, [{ platform: CITIZEN_PLATFORM, platformPostId: ref, text: f.text, publishedAt: submittedAt, raw: JSON.stringify({ source: 'citizen-report', ref }) }], submittedAt);
      const id = stored.newIds[0]!;
      const reportId = insertCitizenReport(ctx.db, { ref, post_id: id, ...place, contact: f.contact ?? null, address, created_at: submittedAt });
      for (const p of photos) insertCitizenPhoto(ctx.db, reportId, p);
      return id;
    });
    return { ref, postId, submittedAt, photos: photos.length };
  } catch (err) {
    removePhotos(ctx.config.dataDir, photos.map((p) => p.file));
    throw err;
  }
}
