import { NotFoundError } from '../errors.js';
import type { Db } from '../storage/database.js';
import { citizenReportByRef, progressOfLead, progressOfPost, type ReportProgressRow } from '../storage/citizen-reports.js';
import { normaliseReference } from './reference-number.js';
import { reportProgress, REPORT_STATUS_LABELS, type ReportStatus } from './report-status.js';

/** The path a report takes, as the status page draws it; 未予受理 replaces the rest when it happens. */
const PATH: ReportStatus[] = ['received', 'verifying', 'dispatched', 'resolved'];

/** The lead that decides (a merged lead hands over to the one it was merged into). */
function decidingLead(db: Db, postId: number): ReportProgressRow | undefined {
  let lead = progressOfPost(db, postId);
  for (let hops = 0; lead && lead.lead_status === 'merged' && lead.merged_into !== null && hops < 10; hops++) lead = progressOfLead(db, lead.merged_into);
  return lead;
}

/** What anyone holding a reference number may read: the status and its times, nothing else of the report or of anyone's work on it. */
export function publicStatus(db: Db, typed: string) {
  const ref = normaliseReference(typed);
  const report = ref ? citizenReportByRef(db, ref) : undefined;
  if (!report) throw new NotFoundError(`没有找到受理编号为「${typed.slice(0, 40)}」的反映：请核对编号（形如 SZ-20261207-7KQ4M2XD，字母不分大小写）`);
  const p = reportProgress(report.created_at, decidingLead(db, report.post_id));
  const reached = p.status === 'declined' ? ['received', 'declined'] : PATH.slice(0, PATH.indexOf(p.status) + 1);
  const steps = (p.status === 'declined' ? ['received', 'declined'] as ReportStatus[] : PATH).map((s) => ({ status: s, label: REPORT_STATUS_LABELS[s], reached: reached.includes(s) }));
  return { ref: report.ref, status: p.status, status_label: REPORT_STATUS_LABELS[p.status], submitted_at: report.created_at, updated_at: p.updatedAt, steps };
}
