/** Work order statuses and the moves allowed between them (domain.md). */
export const WORK_ORDER_STATUSES = ['created', 'dispatched', 'accepted', 'in_progress', 'resolved', 'closed', 'returned', 'reassigned'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const WORK_ORDER_TRANSITIONS: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  created: ['dispatched'],
  dispatched: ['accepted', 'returned'],
  accepted: ['in_progress', 'resolved', 'returned'],
  in_progress: ['resolved', 'returned'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  returned: ['reassigned'],
  reassigned: ['dispatched'],
};

export function canMove(from: WorkOrderStatus, to: WorkOrderStatus): boolean {
  return WORK_ORDER_TRANSITIONS[from].includes(to);
}

export const WORK_ORDER_STATUS_LABELS: Record<WorkOrderStatus, string> = {
  created: '已创建',
  dispatched: '已派发',
  accepted: '已受理',
  in_progress: '处理中',
  resolved: '已办结',
  closed: '已关闭',
  returned: '已退回',
  reassigned: '已改派',
};
