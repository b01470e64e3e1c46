import type { Db } from './database.js';
import { stmt } from './statements.js';

export type CitizenFeedback = 'satisfied' | 'unsatisfied';

export function insertFeedback(db: Db, f: { work_order_id: number; feedback: CitizenFeedback; note: string | null; actor: string; at: string }): void {
  stmt(db, 'INSERT INTO work_order_feedback (work_order_id, feedback, note, actor, at) VALUES (@work_order_id, @feedback, @note, @actor, @at)').run(f);
}
