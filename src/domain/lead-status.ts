/** Lead statuses (domain.md). A claim is a lease on a `new` lead, not a status. */
export const LEAD_STATUSES = ['new', 'confirmed', 'rejected', 'merged'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const REJECT_REASONS = {
  not_civic: '不属于民生诉求',
  duplicate: '重复',
  outside_jurisdiction: '不在辖区',
  advertising: '广告营销',
  insufficient_info: '信息不足',
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;

export const LEAD_STATUS_LABELS: Record<LeadStatus, string> = {
  new: '待核实',
  confirmed: '已确认',
  rejected: '已驳回',
  merged: '已合并',
};
