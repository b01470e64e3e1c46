import type { Db } from './database.js';
import { stmt } from './statements.js';

export interface DecisionRow {
  at: string;
  action: string;
  lead_id: number;
  /** The audit entry's `after` (JSON): a reason, a merge target. */
  after: string | null;
  summary: string | null;
  category: string;
  status: string;
  work_order: string | null;
}

/** One actor's decisions on leads in [from, to), newest first (audit_actor_at: a range seek). */
export function decisionsBy(db: Db, actor: string, from: string, to: string, actions: readonly string[], limit: number): DecisionRow[] {
  return stmt(
    db,
    `SELECT a.at, a.action, l.id AS lead_id, a.after, l.summary, l.category, l.status, w.number AS work_order
     FROM audit_log a INDEXED BY audit_actor_at
       JOIN leads l ON l.id = CAST(a.entity_id AS INTEGER)
       LEFT JOIN work_orders w ON w.lead_id = l.id
     WHERE a.actor = @actor AND a.at >= @from AND a.at < @to AND a.entity = 'lead' AND a.action IN (SELECT value FROM json_each(@actions))
     ORDER BY a.at DESC, a.id DESC LIMIT @limit`,
  ).all({ actor, from, to, actions: JSON.stringify(actions), limit }) as DecisionRow[];
}
