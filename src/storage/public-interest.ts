import type { Db } from './database.js';
import { stmt } from './statements.js';

/** Adds domains to a lead (a lead's domains are the union over its posts). */
export function addLeadDomains(db: Db, leadId: number, domains: readonly string[]): void {
  for (const d of domains) stmt(db, 'INSERT OR IGNORE INTO lead_domains (lead_id, domain) VALUES (?, ?)').run(leadId, d);
}

/** Replaces a lead's domains (reclassify: rules changed). */
export function setLeadDomains(db: Db, leadId: number, domains: readonly string[]): void {
  stmt(db, 'DELETE FROM lead_domains WHERE lead_id = ?').run(leadId);
  addLeadDomains(db, leadId, domains);
}

export function leadDomains(db: Db, leadId: number): string[] {
  return stmt(db, 'SELECT domain FROM lead_domains WHERE lead_id = ? ORDER BY domain').pluck().all(leadId) as string[];
}

/** The domain codes of each of these leads (leads without a domain are absent). */
export function domainsOfLeadIds(db: Db, leadIds: readonly number[]): Map<number, string[]> {
  const rows = stmt(db, 'SELECT lead_id, domain FROM lead_domains WHERE lead_id IN (SELECT value FROM json_each(?)) ORDER BY lead_id, domain').all(JSON.stringify(leadIds)) as { lead_id: number; domain: string }[];
  const out = new Map<number, string[]>();
  for (const r of rows) {
    const list = out.get(r.lead_id);
    if (list) list.push(r.domain);
    else out.set(r.lead_id, [r.domain]);
  }
  return out;
}

/** Leads with their posts' text, in id order, for re-tagging after a rule change. */
export function leadTextsPage(db: Db, after: number, limit: number): { id: number; texts: string }[] {
  return stmt(db, `SELECT l.id, group_concat(coalesce(p.title || char(10), '') || p.text, char(10)) AS texts
    FROM leads l JOIN lead_posts lp ON lp.lead_id = l.id JOIN posts p ON p.id = lp.post_id
    WHERE l.id > ? GROUP BY l.id ORDER BY l.id LIMIT ?`).all(after, limit) as { id: number; texts: string }[];
}

export interface PublicInterestFilter {
  domain?: string;
  q?: string;
  district?: string;
  place?: string;
  /** discovered_at range, ISO, from inclusive, to exclusive */
  from?: string;
  to?: string;
  limit: number;
}

export interface PublicInterestLeadRow {
  id: number;
  status: string;
  category: string;
  district: string | null;
  street: string | null;
  place: string | null;
  summary: string | null;
  discovered_at: string;
  domains: string;
  work_order: string | null;
  transfers: number;
}

/** Tagged leads, newest first: domain, keyword (summary or a post's text), district, place, discovery time. */
export function publicInterestLeads(db: Db, f: PublicInterestFilter): PublicInterestLeadRow[] {
  return stmt(db, `SELECT l.id, l.status, l.category, l.district, l.street, l.place, l.summary, l.discovered_at,
      (SELECT group_concat(domain) FROM lead_domains WHERE lead_id = l.id) AS domains,
      (SELECT number FROM work_orders WHERE lead_id = l.id) AS work_order,
      (SELECT count(*) FROM public_interest_transfers WHERE lead_id = l.id) AS transfers
    FROM leads l
    WHERE l.id IN (SELECT lead_id FROM lead_domains WHERE @domain IS NULL OR domain = @domain)
      AND (@district IS NULL OR l.district = @district)
      AND (@place IS NULL OR instr(coalesce(l.place, '') || ' ' || coalesce(l.street, ''), @place) > 0)
      AND (@from IS NULL OR l.discovered_at >= @from) AND (@to IS NULL OR l.discovered_at < @to)
      AND (@q IS NULL OR instr(coalesce(l.summary, ''), @q) > 0
        OR EXISTS (SELECT 1 FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id AND instr(coalesce(p.title, '') || p.text, @q) > 0))
    ORDER BY l.discovered_at DESC, l.id DESC LIMIT @limit`).all({
    domain: f.domain ?? null, q: f.q ?? null, district: f.district ?? null, place: f.place ?? null, from: f.from ?? null, to: f.to ?? null, limit: f.limit,
  }) as PublicInterestLeadRow[];
}

export interface TransferRow {
  id: number;
  lead_id: number;
  transferred_at: string;
  transferred_by: number;
  recipient: string;
  outcome: string | null;
  note: string | null;
  updated_at: string;
}

export function insertTransfer(db: Db, t: Omit<TransferRow, 'id'>): number {
  return Number(stmt(db, `INSERT INTO public_interest_transfers (lead_id, transferred_at, transferred_by, recipient, outcome, note, updated_at)
    VALUES (@lead_id, @transferred_at, @transferred_by, @recipient, @outcome, @note, @updated_at) RETURNING id`).pluck().get(t));
}

export function getTransfer(db: Db, id: number): TransferRow | undefined {
  return stmt(db, 'SELECT * FROM public_interest_transfers WHERE id = ?').get(id) as TransferRow | undefined;
}

export function updateTransfer(db: Db, id: number, fields: { outcome: string | null; note: string | null; updated_at: string }): void {
  stmt(db, 'UPDATE public_interest_transfers SET outcome = @outcome, note = @note, updated_at = @updated_at WHERE id = @id').run({ ...fields, id });
}

export function transfersOfLead(db: Db, leadId: number): TransferRow[] {
  return stmt(db, 'SELECT * FROM public_interest_transfers WHERE lead_id = ? ORDER BY id').all(leadId) as TransferRow[];
}

export interface SavedSearchRow {
  id: number;
  user_id: number;
  name: string;
  filter: string;
  created_at: string;
}

export function insertSavedSearch(db: Db, s: Omit<SavedSearchRow, 'id'>): number {
  return Number(stmt(db, 'INSERT INTO public_interest_searches (user_id, name, filter, created_at) VALUES (@user_id, @name, @filter, @created_at) RETURNING id').pluck().get(s));
}

export function savedSearchesOf(db: Db, userId: number): SavedSearchRow[] {
  return stmt(db, 'SELECT * FROM public_interest_searches WHERE user_id = ? ORDER BY id').all(userId) as SavedSearchRow[];
}

/** Deletes one of the user's own searches; false when it is not theirs or gone. */
export function deleteSavedSearch(db: Db, id: number, userId: number): boolean {
  return stmt(db, 'DELETE FROM public_interest_searches WHERE id = ? AND user_id = ?').run(id, userId).changes === 1;
}
