/**
 * The review of a ticket-derived lead (热线线索) by supervisors. 待核查 is where every hit starts;
 * 有价值 (checked, worth following), 不予处理 (with a reason) and 已移送 (to whom) are decisions.
 * A dismissal can be reopened; a transfer is final (its outcome is followed outside the system).
 */
export const TICKET_LEAD_STATUSES = ['pending', 'valuable', 'dismissed', 'transferred'] as const;
export type TicketLeadStatus = (typeof TICKET_LEAD_STATUSES)[number];

export const TICKET_LEAD_TRANSITIONS: Record<TicketLeadStatus, readonly TicketLeadStatus[]> = {
  pending: ['valuable', 'dismissed', 'transferred'],
  valuable: ['transferred', 'dismissed'],
  dismissed: ['pending'],
  transferred: [],
};

export const canReview = (from: TicketLeadStatus, to: TicketLeadStatus): boolean => TICKET_LEAD_TRANSITIONS[from].includes(to);

export const TICKET_LEAD_STATUS_LABELS: Record<TicketLeadStatus, string> = {
  pending: '待核查',
  valuable: '已核查·有价值',
  dismissed: '不予处理',
  transferred: '已移送',
};

/** Why a hit is not followed (不予处理): one of these is required. */
export const DISMISS_REASONS = {
  resolved: '热线已办结，无需跟进',
  out_of_scope: '不属于监督范围',
  insufficient_info: '信息不足，无法核查',
  duplicate: '与其他线索重复',
  misread: '专题误命中',
} as const;
export type DismissReason = keyof typeof DISMISS_REASONS;
