import type { TrainingTicket } from '../model/data/ticket-examples.js';
import type { Db } from './database.js';
import { stmt } from './statements.js';

/** Every imported ticket with what training reads of it, in id order (iterated: a city's year does not sit in memory twice). */
export function ticketsForTraining(db: Db): IterableIterator<TrainingTicket> {
  return stmt(db, 'SELECT id, title, text, category_raw, department, reply FROM tickets ORDER BY id').iterate() as IterableIterator<TrainingTicket>;
}
