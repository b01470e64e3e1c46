import type { Db } from './database.js';
import { bulkRows } from './bulk-rows.js';
import { stmt } from './statements.js';

/** Leads of a period (Beijing days, both included) grouped by every dimension the overview breaks down by (lead_daily). */
export interface LeadCell {
  district: string | null;
  category: string;
  sub_item: string | null;
  status: 'new' | 'confirmed' | 'rejected' | 'merged';
  reject_reason: string | null;
  n: number;
}

export function leadCells(db: Db, fromDay: string, toDay: string, district: string | null): LeadCell[] {
  return stmt(
    db,
    `SELECT nullif(district, '') AS district, category, nullif(sub_item, '') AS sub_item, status, nullif(reject_reason, '') AS reject_reason, sum(n) AS n
     FROM lead_daily WHERE day >= @fromDay AND day <= @toDay AND (@district IS NULL OR district = @district)
     GROUP BY district, category, sub_item, status, reject_reason HAVING sum(n) > 0`,
  ).all({ fromDay, toDay, district }) as LeadCell[];
}

/** Leads of a period per Beijing day and status (the trend lines). */
export function leadDays(db: Db, fromDay: string, toDay: string, district: string | null): { day: string; status: LeadCell['status']; n: number }[] {
  return stmt(
    db,
    `SELECT day, status, sum(n) AS n FROM lead_daily WHERE day >= @fromDay AND day <= @toDay AND (@district IS NULL OR district = @district)
     GROUP BY day, status HAVING sum(n) > 0`,
  ).all({ fromDay, toDay, district }) as { day: string; status: LeadCell['status']; n: number }[];
}

/** Leads of a period that name a street, per district, street and status (lead_street_daily). */
export interface StreetCell {
  district: string | null;
  street: string;
  status: LeadCell['status'];
  n: number;
}

export function streetCells(db: Db, fromDay: string, toDay: string, district: string | null): StreetCell[] {
  return stmt(
    db,
    `SELECT nullif(district, '') AS district, street, status, sum(n) AS n FROM lead_street_daily
     WHERE day >= @fromDay AND day <= @toDay AND (@district IS NULL OR district = @district)
     GROUP BY district, street, status HAVING sum(n) > 0`,
  ).all({ fromDay, toDay, district }) as StreetCell[];
}

/** Posts first stored per Beijing day and platform (post_daily, kept by triggers). */
export function postCells(db: Db, fromDay: string, toDay: string): { day: string; platform: string; n: number }[] {
  return stmt(db, 'SELECT day, platform, n FROM post_daily WHERE day >= ? AND day <= ? AND n > 0').all(fromDay, toDay) as { day: string; platform: string; n: number }[];
}

/** Leads of a period per platform of their posts (a lead with posts on two platforms counts on both; lead_platform_daily). */
export function leadPlatformCounts(db: Db, fromDay: string, toDay: string, district: string | null): { platform: string; n: number }[] {
  return stmt(
    db,
    `SELECT platform, sum(n) AS n FROM lead_platform_daily WHERE day >= @fromDay AND day <= @toDay AND (@district IS NULL OR district = @district)
     GROUP BY platform HAVING sum(n) > 0`,
  ).all({ fromDay, toDay, district }) as { platform: string; n: number }[];
}

/** An order's clock: whether and when it was first dispatched, detours, and the minutes of each step reached (null: not reached). */
export interface OrderClockRow {
  status: string;
  district: string | null;
  dispatch_deadline: string;
  /** first dispatched (1), and by the dispatch deadline (1) */
  dispatched: number;
  on_time: number;
  /** ever returned, reassigned or re-routed (1) */
  detoured: number;
  confirm_min: number | null;
  dispatch_min: number | null;
  accept_min: number | null;
  resolve_min: number | null;
  close_min: number | null;
}

/**
 * Work orders created in a period, the whole city, with their clocks: the first time each step was
 * reached comes from work_order_clocks, and the minutes between steps are computed here, so a month
 * (~50,000 orders) is read as numbers rather than six timestamps each to parse (bulkRows: the status
 * and district strings are shared).
 */
export function ordersCreated(db: Db, start: string, end: string): OrderClockRow[] {
  const minutes = (a: string, b: string) => `(unixepoch(${b}, 'subsec') - unixepoch(${a}, 'subsec')) / 60.0`;
  const sql = `SELECT o.status, o.district, o.dispatch_deadline,
       c.dispatched_at IS NOT NULL AS dispatched, coalesce(c.dispatched_at <= o.dispatch_deadline, 0) AS on_time, coalesce(c.detoured, 0) AS detoured,
       ${minutes('o.discovered_at', 'o.created_at')} AS confirm_min, ${minutes('o.created_at', 'c.dispatched_at')} AS dispatch_min,
       ${minutes('c.dispatched_at', 'c.accepted_at')} AS accept_min, ${minutes('c.accepted_at', 'c.resolved_at')} AS resolve_min,
       ${minutes('c.resolved_at', 'c.closed_at')} AS close_min
     FROM work_orders o LEFT JOIN work_order_clocks c ON c.work_order_id = o.id
     WHERE o.created_at >= @start AND o.created_at < @end`;
  type Row = [string, string | null, string, number, number, number, number | null, number | null, number | null, number | null, number | null];
  return bulkRows(stmt(db, sql), { start, end }, (r: Row, name) => ({
    status: name(r[0])!, district: name(r[1]), dispatch_deadline: r[2], dispatched: r[3], on_time: r[4], detoured: r[5],
    confirm_min: r[6], dispatch_min: r[7], accept_min: r[8], resolve_min: r[9], close_min: r[10],
  }));
}

/** Orders past the deadline of their current step now, per district. */
export function overdueByDistrict(db: Db, now: string): { district: string | null; n: number }[] {
  return stmt(db, 'SELECT district, count(*) AS n FROM work_orders WHERE due_at IS NOT NULL AND due_at < ? GROUP BY district').all(now) as { district: string | null; n: number }[];
}

export interface OverdueOrder {
  number: string;
  status: string;
  category: string;
  sub_item: string | null;
  department: string;
  district: string | null;
  street: string | null;
  place: string | null;
  due_at: string;
}

export function overdueOrders(db: Db, now: string, district: string | null, limit: number): OverdueOrder[] {
  return stmt(
    db,
    `SELECT number, status, category, sub_item, department, district, street, place, due_at FROM work_orders
     WHERE due_at IS NOT NULL AND due_at < @now AND (@district IS NULL OR district = @district) ORDER BY due_at LIMIT @limit`,
  ).all({ now, district, limit }) as OverdueOrder[];
}

/** A lead as hotspot detection sees it: place × time (ms) × class. */
export interface PlacedLead {
  id: number;
  at: number;
  district: string | null;
  street: string | null;
  place: string | null;
  category: string;
  sub_item: string | null;
}

/** Live leads (pending or confirmed: rejected and merged ones are not problems) where `condition` holds, in time order, the time in ms. */
function livePlacedLeads(db: Db, condition: string, params: Record<string, unknown>): PlacedLead[] {
  const sql = `SELECT id, CAST(round(unixepoch(discovered_at, 'subsec') * 1000) AS INTEGER) AS at, district, street, place, category, sub_item FROM leads
     WHERE ${condition} AND status IN ('new', 'confirmed') ORDER BY discovered_at`;
  return bulkRows(stmt(db, sql), params, (r: [number, number, string | null, string | null, string | null, string, string | null], name) => ({
    id: r[0], at: r[1], district: name(r[2]), street: name(r[3]), place: name(r[4]), category: name(r[5])!, sub_item: name(r[6]),
  }));
}

/**
 * Live leads discovered in [start, end), the whole city, in time order: a month is ~80,000 rows,
 * read from the covering index alone, the time already in milliseconds (no text to parse per row),
 * the names shared (bulkRows).
 */
export function placedLeads(db: Db, start: string, end: string): PlacedLead[] {
  return livePlacedLeads(db, 'discovered_at >= @start AND discovered_at < @end', { start, end });
}

/** The live ones of these leads (a figure thread's copy re-reads the leads touched since it read them). */
export function placedLeadsByIds(db: Db, ids: readonly number[]): PlacedLead[] {
  return livePlacedLeads(db, 'id IN (SELECT value FROM json_each(@ids))', { ids: JSON.stringify(ids) });
}

/** The work-order number of each of these leads that has one (the few a page lists, not the whole scan). */
export function orderNumbersOf(db: Db, leadIds: readonly number[]): Map<number, string> {
  const rows = stmt(db, 'SELECT lead_id, number FROM work_orders WHERE lead_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(leadIds)) as { lead_id: number; number: string }[];
  return new Map(rows.map((r) => [r.lead_id, r.number]));
}

export interface ResolvedOrder {
  number: string;
  lead_id: number;
  district: string | null;
  street: string | null;
  place: string | null;
  category: string;
  resolved_at: string;
}

/** Orders resolved before `end` (the earlier half of a 反复投诉 pair), since `since`, the whole city (bulkRows: the names shared). */
export function resolvedOrders(db: Db, since: string, end: string): ResolvedOrder[] {
  const sql = `SELECT number, lead_id, district, street, place, category, resolved_at FROM work_orders
     WHERE resolved_at IS NOT NULL AND resolved_at >= @start AND resolved_at < @end`;
  return bulkRows(stmt(db, sql), { start: since, end }, (r: [string, number, string | null, string | null, string | null, string, string], name) => ({
    number: r[0], lead_id: r[1], district: name(r[2]), street: name(r[3]), place: name(r[4]), category: name(r[5])!, resolved_at: r[6],
  }));
}

export interface LeadListRow {
  id: number;
  status: string;
  category: string;
  sub_item: string | null;
  urgency: string;
  district: string | null;
  street: string | null;
  place: string | null;
  summary: string | null;
  discovered_at: string;
  order_number: string | null;
}

export interface LeadListFilter {
  start: string;
  end: string;
  /** the same period as Beijing days (the summaries' keys) */
  fromDay: string;
  toDay: string;
  district: string | null;
  street: string | null;
  place: string | null;
  category: string | null;
  sub_item: string | null;
  /** only leads without a district (the map's 未定位) */
  unplaced: boolean;
  before: number | null;
  limit: number;
}

/** The drill-down list behind a figure: leads of a period matching the figure's filter, newest id first. */
export function listPeriodLeads(db: Db, f: LeadListFilter): { rows: LeadListRow[]; total: number } {
  const where = `l.discovered_at >= @start AND l.discovered_at < @end
    AND (@district IS NULL OR l.district = @district) AND (@unplaced = 0 OR l.district IS NULL)
    AND (@street IS NULL OR l.street = @street) AND (@place IS NULL OR l.place = @place)
    AND (@category IS NULL OR l.category = @category) AND (@sub_item IS NULL OR l.sub_item = @sub_item)`;
  const params = { start: f.start, end: f.end, district: f.district, street: f.street, place: f.place, category: f.category, sub_item: f.sub_item, unplaced: f.unplaced ? 1 : 0 };
  const rows = stmt(
    db,
    `SELECT l.id, l.status, l.category, l.sub_item, l.urgency, l.district, l.street, l.place, l.summary, l.discovered_at, o.number AS order_number
     FROM leads l LEFT JOIN work_orders o ON o.lead_id = l.id
     WHERE ${where} AND (@before IS NULL OR l.id < @before) ORDER BY l.id DESC LIMIT @limit`,
  ).all({ ...params, before: f.before, limit: f.limit }) as LeadListRow[];
  return { rows, total: periodLeadTotal(db, f, where, params) };
}

/**
 * The list's total: from lead_daily or lead_street_daily when they keep every dimension of the
 * filter (a month of leads is 100,000 index entries to count), else counted over the leads.
 */
function periodLeadTotal(db: Db, f: LeadListFilter, where: string, params: Record<string, unknown>): number {
  const keys = { fromDay: f.fromDay, toDay: f.toDay, district: f.district, unplaced: f.unplaced ? 1 : 0 };
  const placed = `day >= @fromDay AND day <= @toDay AND (@district IS NULL OR district = @district) AND (@unplaced = 0 OR district = '')`;
  if (f.place === null && f.street === null) {
    return stmt(db, `SELECT coalesce(sum(n), 0) FROM lead_daily WHERE ${placed} AND (@category IS NULL OR category = @category) AND (@sub_item IS NULL OR sub_item = @sub_item)`)
      .pluck().get({ ...keys, category: f.category, sub_item: f.sub_item }) as number;
  }
  if (f.place === null && f.category === null && f.sub_item === null) {
    return stmt(db, `SELECT coalesce(sum(n), 0) FROM lead_street_daily WHERE ${placed} AND street = @street`).pluck().get({ ...keys, street: f.street }) as number;
  }
  return stmt(db, `SELECT count(*) FROM leads l WHERE ${where}`).pluck().get(params) as number;
}

export interface TopicRow {
  id: number;
  name: string;
  kind: 'hotspot' | 'recurring' | 'class';
  filter: string;
  created_by: number | null;
  created_at: string;
}

export function insertTopic(db: Db, t: Omit<TopicRow, 'id'>): number {
  return Number(stmt(db, 'INSERT INTO watched_topics (name, kind, filter, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(t.name, t.kind, t.filter, t.created_by, t.created_at).lastInsertRowid);
}

export function listTopics(db: Db): TopicRow[] {
  return stmt(db, 'SELECT * FROM watched_topics ORDER BY id DESC').all() as TopicRow[];
}

export function findTopic(db: Db, id: number): TopicRow | undefined {
  return stmt(db, 'SELECT * FROM watched_topics WHERE id = ?').get(id) as TopicRow | undefined;
}

export function deleteTopic(db: Db, id: number): void {
  stmt(db, 'DELETE FROM watched_topics WHERE id = ?').run(id);
}

export interface WeeklyReportRow {
  id: number;
  period_from: string;
  period_to: string;
  trigger: 'schedule' | 'manual';
  data: string;
  generated_at: string;
}

/** Stores a report and drops all but the newest `keep` (one transaction: the list never shows more). */
export function insertWeeklyReport(db: Db, r: Omit<WeeklyReportRow, 'id'>, keep: number): number {
  const id = Number(stmt(db, 'INSERT INTO weekly_reports (period_from, period_to, trigger, data, generated_at) VALUES (?, ?, ?, ?, ?)').run(r.period_from, r.period_to, r.trigger, r.data, r.generated_at).lastInsertRowid);
  stmt(db, 'DELETE FROM weekly_reports WHERE id NOT IN (SELECT id FROM weekly_reports ORDER BY generated_at DESC, id DESC LIMIT ?)').run(keep);
  return id;
}

export function listWeeklyReports(db: Db): Omit<WeeklyReportRow, 'data'>[] {
  return stmt(db, 'SELECT id, period_from, period_to, trigger, generated_at FROM weekly_reports ORDER BY generated_at DESC, id DESC').all() as Omit<WeeklyReportRow, 'data'>[];
}

export function findWeeklyReport(db: Db, id: number): WeeklyReportRow | undefined {
  return stmt(db, 'SELECT * FROM weekly_reports WHERE id = ?').get(id) as WeeklyReportRow | undefined;
}

/**
 * Names the state the figures are read in: every change to a lead or a work order appends to
 * change_log (filed, joined, reviewed, confirmed, moved), new leads and posts take new ids, and a
 * change to a lead's time, status, place or class whatever wrote it adds to lead_touches (a
 * trigger); figures read at the same state are the same.
 */
export function figureState(db: Db): string {
  const r = stmt(db, `SELECT coalesce((SELECT max(seq) FROM change_log), 0) AS seq, coalesce((SELECT max(id) FROM leads), 0) AS lead,
    coalesce((SELECT max(post_id) FROM lead_posts), 0) AS post, coalesce((SELECT max(seq) FROM lead_touches), 0) AS touch`).get() as { seq: number; lead: number; post: number; touch: number };
  return `${r.seq}:${r.lead}:${r.post}:${r.touch}`;
}
