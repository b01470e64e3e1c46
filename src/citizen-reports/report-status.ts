import type { ReportProgressRow } from '../storage/citizen-reports.js';

/** What a resident reads about a report: status only, never what verifiers wrote. */
export const REPORT_STATUSES = ['received', 'verifying', 'dispatched', 'resolved', 'declined'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  received: '已受理',
  verifying: '核实中',
  dispatched: '已派单',
  resolved: '已办结',
  declined: '未予受理',
};

const DONE_ORDER = new Set(['resolved', 'closed']);

export interface ReportProgress {
  status: ReportStatus;
  /** When the status last changed, as far as the records tell (the submission time while nothing happened). */
  updatedAt: string;
}

/**
 * The resident's status from the lead the report was filed in (after merges: the lead it was
 * merged into) and its work order:
 * - not filed yet, or in the queue untouched → 已受理
 * - a verifier has it (claimed) or changed it → 核实中
 * - confirmed: a work order on its way (created … in progress, returned, reassigned) → 已派单
 * - the order resolved or closed → 已办结
 * - rejected → 未予受理
 */
export function reportProgress(submittedAt: string, lead: ReportProgressRow | undefined): ReportProgress {
  if (!lead || lead.lead_id === null) return { status: 'received', updatedAt: submittedAt };
  const latest = [lead.lead_updated_at, lead.order_updated_at].filter((t): t is string => !!t).sort().at(-1) ?? submittedAt;
  if (lead.lead_status === 'rejected') return { status: 'declined', updatedAt: lead.reviewed_at ?? latest };
  if (lead.lead_status === 'confirmed' && lead.order_status) return { status: DONE_ORDER.has(lead.order_status) ? 'resolved' : 'dispatched', updatedAt: latest };
  if (lead.claimed_by !== null || (lead.lead_version ?? 1) > 1) return { status: 'verifying', updatedAt: latest };
  return { status: 'received', updatedAt: submittedAt };
}
