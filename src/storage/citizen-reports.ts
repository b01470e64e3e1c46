import type { Db } from './database.js';
import { stmt } from './statements.js';

/** A resident's report as stored beside its post (posts.platform = 'citizen'). */
export interface CitizenReportRow {
  id: number;
  ref: string;
  post_id: number;
  place_text: string | null;
  place_kind: string | null;
  district: string | null;
  street: string | null;
  place: string | null;
  contact: string | null;
  address: string;
  created_at: string;
}

export interface CitizenPhotoRow {
  id: number;
  report_id: number;
  file: string;
  mime: 'image/jpeg' | 'image/webp';
  bytes: number;
  width: number;
  height: number;
  original_kind: string;
  gps_lat: number | null;
  gps_lon: number | null;
  gps_district: string | null;
  gps_note: string | null;
}

export type NewCitizenReport = Omit<CitizenReportRow, 'id'>;
export type NewCitizenPhoto = Omit<CitizenPhotoRow, 'id' | 'report_id'>;

export function insertCitizenReport(db: Db, r: NewCitizenReport): number {
  return Number(stmt(db, `INSERT INTO citizen_reports (ref, post_id, place_text, place_kind, district, street, place, contact, address, created_at)
    VALUES (@ref, @post_id, @place_text, @place_kind, @district, @street, @place, @contact, @address, @created_at)`).run(r).lastInsertRowid);
}

export function insertCitizenPhoto(db: Db, reportId: number, p: NewCitizenPhoto): void {
  stmt(db, `INSERT INTO citizen_report_photos (report_id, file, mime, bytes, width, height, original_kind, gps_lat, gps_lon, gps_district, gps_note)
    VALUES (@report_id, @file, @mime, @bytes, @width, @height, @original_kind, @gps_lat, @gps_lon, @gps_district, @gps_note)`).run({ ...p, report_id: reportId });
}

export function citizenReportByRef(db: Db, ref: string): CitizenReportRow | undefined {
  return stmt(db, 'SELECT * FROM citizen_reports WHERE ref = ?').get(ref) as CitizenReportRow | undefined;
}

export function citizenReportByPost(db: Db, postId: number): CitizenReportRow | undefined {
  return stmt(db, 'SELECT * FROM citizen_reports WHERE post_id = ?').get(postId) as CitizenReportRow | undefined;
}

export function photosOfReport(db: Db, reportId: number): CitizenPhotoRow[] {
  return stmt(db, 'SELECT * FROM citizen_report_photos WHERE report_id = ? ORDER BY id').all(reportId) as CitizenPhotoRow[];
}

export function photoByFile(db: Db, file: string): CitizenPhotoRow | undefined {
  return stmt(db, 'SELECT * FROM citizen_report_photos WHERE file = ?').get(file) as CitizenPhotoRow | undefined;
}

/** What the resident's status follows: the lead the report's post was filed in (after merges) and its work order. */
export interface ReportProgressRow {
  lead_id: number | null;
  lead_status: string | null;
  merged_into: number | null;
  claimed_by: number | null;
  lead_version: number | null;
  reviewed_at: string | null;
  lead_updated_at: string | null;
  order_status: string | null;
  order_created_at: string | null;
  order_updated_at: string | null;
}

const PROGRESS_OF_LEAD = `SELECT l.id AS lead_id, l.status AS lead_status, l.merged_into, l.claimed_by, l.version AS lead_version, l.reviewed_at,
    l.updated_at AS lead_updated_at, w.status AS order_status, w.created_at AS order_created_at, w.updated_at AS order_updated_at
  FROM leads l LEFT JOIN work_orders w ON w.lead_id = l.id WHERE l.id = ?`;

/** The lead of the post (NULL fields while the pipeline has not filed it). */
export function progressOfPost(db: Db, postId: number): ReportProgressRow | undefined {
  const leadId = stmt(db, 'SELECT lead_id FROM lead_posts WHERE post_id = ?').pluck().get(postId) as number | undefined;
  return leadId === undefined ? undefined : progressOfLead(db, leadId);
}

export function progressOfLead(db: Db, leadId: number): ReportProgressRow | undefined {
  return stmt(db, PROGRESS_OF_LEAD).get(leadId) as ReportProgressRow | undefined;
}

/** Attempts from one address since `since`, with the oldest of them (when the window frees up). */
export function attemptsSince(db: Db, address: string | null, since: string): { n: number; oldest: string | null } {
  return address === null
    ? (stmt(db, 'SELECT count(*) AS n, min(at) AS oldest FROM citizen_report_attempts WHERE at > ?').get(since) as { n: number; oldest: string | null })
    : (stmt(db, 'SELECT count(*) AS n, min(at) AS oldest FROM citizen_report_attempts WHERE address = ? AND at > ?').get(address, since) as { n: number; oldest: string | null });
}

export function insertAttempt(db: Db, address: string, at: string): void {
  stmt(db, 'INSERT INTO citizen_report_attempts (address, at) VALUES (?, ?)').run(address, at);
}

export function pruneAttempts(db: Db, before: string): void {
  stmt(db, 'DELETE FROM citizen_report_attempts WHERE at < ?').run(before);
}

/** Blanks the sender's address of reports made before `before` (kept only as long as abuse review needs it). */
export function forgetAddresses(db: Db, before: string): void {
  stmt(db, "UPDATE citizen_reports SET address = '' WHERE created_at < ? AND address <> ''").run(before);
}

export function insertFormToken(db: Db, tokenHash: string, at: string): void {
  stmt(db, 'INSERT INTO citizen_form_tokens (token_hash, issued_at) VALUES (?, ?)').run(tokenHash, at);
}

/** Marks a form token used; false when unknown, used already, or issued before `notBefore` (expired). */
export function useFormToken(db: Db, tokenHash: string, notBefore: string, at: string): boolean {
  return stmt(db, 'UPDATE citizen_form_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND issued_at > ?').run(at, tokenHash, notBefore).changes === 1;
}

export function pruneFormTokens(db: Db, before: string): void {
  stmt(db, 'DELETE FROM citizen_form_tokens WHERE issued_at < ?').run(before);
}

/** The posts of a lead that are residents' reports, in the order they were filed. */
export function citizenPostsOfLead(db: Db, leadId: number): number[] {
  return stmt(db, 'SELECT r.post_id FROM lead_posts lp JOIN citizen_reports r ON r.post_id = lp.post_id WHERE lp.lead_id = ? ORDER BY r.post_id').pluck().all(leadId) as number[];
}
