import type { WorkOrderStatus } from '../domain/work-order-status.js';

/** A citizen is asked once the work is done: feedback is accepted on resolved and closed orders only. */
export function acceptsFeedback(status: WorkOrderStatus): boolean {
  return status === 'resolved' || status === 'closed';
}
