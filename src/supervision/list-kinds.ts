import type { SupervisionListKind } from '../storage/supervision-lists.js';

/**
 * The lists of 重点工单 and how each is counted, in the words a supervisor defends a figure with.
 * The same codes are the reasons an order is put under supervision.
 */
export const LIST_KINDS: Record<SupervisionListKind, { name: string; counted: string }> = {
  overdue: { name: '超时工单', counted: '当前环节已超过时限、尚未办结的工单（派发、受理、办结各有时限），最早到期的在前。' },
  returned: { name: '多次退回', counted: '被责任单位退回两次及以上的工单，退回次数多的在前。' },
  recurring: { name: '办结后重复投诉', counted: '已办结（或关闭）的工单，办结后若干天内同一地点（同区、同地点，没有地点时同街道）又出现同一分类的线索（已驳回、已合并的不算），最近重复的在前。' },
  long_unresolved: { name: '长期未办结', counted: '立单超过若干天仍未办结的工单，立单最早的在前。' },
  unsatisfied: { name: '市民不满意', counted: '下游系统回报的最近一次市民评价为“不满意”的工单，最近评价的在前。' },
};

export const LIST_KIND_CODES = Object.keys(LIST_KINDS) as SupervisionListKind[];
