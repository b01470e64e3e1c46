import type { Db } from './database.js';
import { stmt } from './statements.js';
import type { WorkOrderRow } from './work-orders.js';

/** The lists of 重点工单 (src/supervision/list-kinds.ts names and explains each). */
export type SupervisionListKind = 'overdue' | 'returned' | 'recurring' | 'long_unresolved' | 'unsatisfied';

/** An order on a list, with the figure that put it there (null on the other lists). */
export interface SupervisionListRow extends WorkOrderRow {
  returns: number | null;
  recurrences: number | null;
  last_recurrence_at: string | null;
  /** JSON array of the recurring leads' ids */
  recurring_leads: string | null;
  feedback_note: string | null;
  feedback_at: string | null;
}

export interface SupervisionListQuery {
  now: string;
  district?: string;
  category?: string;
  /** long_unresolved: created before this instant */
  openSince: string;
  /** recurring: a lead counts when discovered within this many days after the resolution */
  withinDays: number;
  limit: number;
}

const OPEN = "w.status NOT IN ('resolved', 'closed')";
const FILTERS = '(@district IS NULL OR w.district = @district) AND (@category IS NULL OR w.category = @category)';
const NO_FIGURES = 'NULL AS returns, NULL AS recurrences, NULL AS last_recurrence_at, NULL AS recurring_leads, NULL AS feedback_note, NULL AS feedback_at';

const SQL: Record<SupervisionListKind, string> = {
  // The current step passed its deadline (due_at is NULL once resolved or closed).
  overdue: `SELECT w.*, ${NO_FIGURES} FROM work_orders w
    WHERE w.due_at < @now AND ${OPEN} AND ${FILTERS} ORDER BY w.due_at, w.id LIMIT @limit`,
  returned: `SELECT w.*, r.n AS returns, NULL AS recurrences, NULL AS last_recurrence_at, NULL AS recurring_leads, NULL AS feedback_note, NULL AS feedback_at
    FROM (SELECT work_order_id, count(*) AS n FROM work_order_events WHERE to_status = 'returned' GROUP BY work_order_id HAVING count(*) >= 2) r
    JOIN work_orders w ON w.id = r.work_order_id
    WHERE ${FILTERS} ORDER BY r.n DESC, w.id LIMIT @limit`,
  // The same place (district + place, or street where no place is known) and category again: a lead
  // discovered after the order was resolved, not rejected or merged away, other than the order's own.
  recurring: `SELECT w.*, NULL AS returns, count(l.id) AS recurrences, max(l.discovered_at) AS last_recurrence_at,
      json_group_array(l.id) AS recurring_leads, NULL AS feedback_note, NULL AS feedback_at
    FROM work_orders w JOIN leads l
      ON l.category = w.category AND l.district = w.district AND coalesce(l.place, l.street) = coalesce(w.place, w.street)
      AND l.discovered_at > w.resolved_at AND l.discovered_at <= strftime('%Y-%m-%dT%H:%M:%fZ', w.resolved_at, '+' || @withinDays || ' days')
      AND l.id <> w.lead_id AND l.status IN ('new', 'confirmed')
    WHERE w.status IN ('resolved', 'closed') AND w.resolved_at IS NOT NULL AND ${FILTERS}
    GROUP BY w.id ORDER BY last_recurrence_at DESC, w.id LIMIT @limit`,
  long_unresolved: `SELECT w.*, ${NO_FIGURES} FROM work_orders w
    WHERE w.created_at < @openSince AND ${OPEN} AND ${FILTERS} ORDER BY w.created_at, w.id LIMIT @limit`,
  // The latest feedback of the order says unsatisfied.
  unsatisfied: `SELECT w.*, NULL AS returns, NULL AS recurrences, NULL AS last_recurrence_at, NULL AS recurring_leads, f.note AS feedback_note, f.at AS feedback_at
    FROM work_order_feedback f JOIN work_orders w ON w.id = f.work_order_id
    WHERE f.feedback = 'unsatisfied' AND f.id = (SELECT max(id) FROM work_order_feedback WHERE work_order_id = f.work_order_id) AND ${FILTERS}
    ORDER BY f.at DESC, w.id LIMIT @limit`,
};

/** One list, at most `limit` rows. */
export function supervisionList(db: Db, kind: SupervisionListKind, q: SupervisionListQuery): SupervisionListRow[] {
  return stmt(db, SQL[kind]).all({
    now: q.now, district: q.district ?? null, category: q.category ?? null, openSince: q.openSince, withinDays: q.withinDays, limit: q.limit,
  }) as SupervisionListRow[];
}
