import type { Db } from './database.js';
import type { LeadRow } from './lead-row.js';
import { stmt } from './statements.js';

export type LeadExportRow = Pick<LeadRow, 'id' | 'status' | 'category' | 'sub_item' | 'urgency' | 'district' | 'street' | 'place' | 'score' | 'heat' | 'post_count' | 'summary' | 'discovered_at' | 'last_post_at' | 'reject_reason'> & {
  work_order: string | null;
  first_url: string | null;
};

/** Leads discovered in [from, to), oldest first, iterated (exports stay flat in memory). */
export function iterateLeadsForExport(db: Db, from: string, to: string): IterableIterator<LeadExportRow> {
  return stmt(db, 
      `SELECT l.id, l.status, l.category, l.sub_item, l.urgency, l.district, l.street, l.place, l.score, l.heat, l.post_count, l.summary,
         l.discovered_at, l.last_post_at, l.reject_reason, w.number AS work_order,
         (SELECT p.url FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id ORDER BY p.id LIMIT 1) AS first_url
       FROM leads l LEFT JOIN work_orders w ON w.lead_id = l.id
       WHERE l.discovered_at >= ? AND l.discovered_at < ? ORDER BY l.discovered_at, l.id`,
    )
    .iterate(from, to) as IterableIterator<LeadExportRow>;
}

/** The first post URL of each order's lead, for one export row at a time. */
export function firstPostUrl(db: Db, leadId: number): string | null {
  return (stmt(db, 'SELECT p.url FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = ? ORDER BY p.id LIMIT 1').pluck().get(leadId) as string | null) ?? null;
}
