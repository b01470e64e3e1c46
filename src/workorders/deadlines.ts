import type { Config } from '../config/schema.js';
import type { WorkOrderStatus } from '../domain/work-order-status.js';

const MINUTE = 60_000;

/** Dispatch deadline = discovery + 30 min (urgent) or 2 h (normal), configurable. */
export function dispatchDeadline(config: Config, discoveredAt: string, urgency: 'urgent' | 'normal'): string {
  const minutes = urgency === 'urgent' ? config.urgentDispatchMinutes : config.normalDispatchMinutes;
  return new Date(Date.parse(discoveredAt) + minutes * MINUTE).toISOString();
}

/**
 * The deadline of the step an order enters (stored as due_at; overdue = due_at < now):
 * created → dispatch deadline; dispatched → acceptance; accepted/in progress → resolution
 * (counted from the latest dispatch); returned → an admin re-dispatches within the dispatch window;
 * resolved/closed → no clock.
 */
export function dueAt(
  config: Config,
  status: WorkOrderStatus,
  o: { dispatch_deadline: string; dispatched_at: string | null; urgency: 'urgent' | 'normal' },
  at: string,
): string | null {
  const plus = (from: string, minutes: number) => new Date(Date.parse(from) + minutes * MINUTE).toISOString();
  switch (status) {
    case 'created':
      return o.dispatch_deadline;
    case 'dispatched':
      return plus(at, config.workOrderAcceptMinutes);
    case 'accepted':
    case 'in_progress':
      return plus(o.dispatched_at ?? at, 60 * (o.urgency === 'urgent' ? config.urgentResolveHours : config.normalResolveHours));
    case 'returned':
    case 'reassigned':
      return plus(at, o.urgency === 'urgent' ? config.urgentDispatchMinutes : config.normalDispatchMinutes);
    case 'resolved':
    case 'closed':
      return null;
  }
}
