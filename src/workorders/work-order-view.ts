import { CATEGORIES, type Category } from '../domain/categories.js';
import { WORK_ORDER_STATUS_LABELS, WORK_ORDER_TRANSITIONS } from '../domain/work-order-status.js';
import type { Db } from '../storage/database.js';
import { sourcePostsForLeads, workOrderEventsFor, type SourcePostRow, type WorkOrderEventRow, type WorkOrderRow } from '../storage/work-orders.js';
import { districtCoordinates } from '../downstream/district-coordinates.js';
import { subItemName } from './responsibility.js';
import { linksOfLeads, type LinkedTicketRow } from '../storage/ticket-links.js';
import { linkedTicketView } from '../collision/linked-ticket-view.js';
import { domainsOfLeads, type NamedDomain } from '../public-interest/domain-names.js';

/** The JSON shape of a work order, the same for staff and downstream systems. */
export function workOrderView(o: WorkOrderRow, rulesDir: string, now: string, extra?: { posts?: SourcePostRow[]; history?: WorkOrderEventRow[]; tickets?: LinkedTicketRow[]; domains?: NamedDomain[] }) {
  const coords = districtCoordinates(o.district);
  return {
    number: o.number,
    status: o.status,
    status_label: WORK_ORDER_STATUS_LABELS[o.status],
    allowed_transitions: WORK_ORDER_TRANSITIONS[o.status],
    category: o.category,
    category_label: CATEGORIES[o.category as Category] ?? o.category,
    sub_item: o.sub_item,
    sub_item_label: subItemName(rulesDir, o.sub_item),
    department: o.department,
    urgency: o.urgency,
    location: {
      district: o.district,
      street: o.street,
      place: o.place,
      // Approximate: the district's centre (curated table) until the gazetteer carries coordinates.
      coordinates: coords ? { lat: coords.lat, lon: coords.lon, precision: 'district' as const } : null,
    },
    description: o.description,
    lead_id: o.lead_id,
    deadlines: {
      discovered_at: o.discovered_at,
      dispatch: o.dispatch_deadline,
      dispatched_at: o.dispatched_at,
      current_step_due: o.due_at,
      overdue: o.due_at !== null && o.due_at < now,
      resolved_at: o.resolved_at,
    },
    created_at: o.created_at,
    updated_at: o.updated_at,
    version: o.version,
    change_seq: o.change_seq,
    ...(extra?.posts ? { source_posts: extra.posts.map(postView) } : {}),
    ...(extra?.history ? { history: extra.history.map(eventView) } : {}),
    // 12345 hotline tickets about the same problem (src/collision/): one problem, not two.
    ...(extra?.tickets ? { linked_tickets: extra.tickets.map(linkedTicketView) } : {}),
    // The lead's 公益诉讼 domains (src/public-interest/), for departments and procuratorates alike.
    ...(extra?.domains ? { domains: extra.domains } : {}),
  };
}

export type WorkOrderView = ReturnType<typeof workOrderView>;

export function postView(p: SourcePostRow) {
  return { platform: p.platform, url: p.url, author: p.author, title: p.title, text: p.text, published_at: p.published_at, first_seen_at: p.first_seen_at, ip_location: p.ip_location };
}

export function eventView(e: WorkOrderEventRow) {
  return { kind: e.kind, from_status: e.from_status, to_status: e.to_status, department: e.department, note: e.note, actor: e.actor, at: e.at };
}

/** Full views (posts + history + linked tickets + domains) for a page of orders with four queries, not 4 per order. */
export function fullViews(db: Db, rows: readonly WorkOrderRow[], rulesDir: string, now: string): WorkOrderView[] {
  const posts = sourcePostsForLeads(db, rows.map((r) => r.lead_id));
  const history = workOrderEventsFor(db, rows.map((r) => r.id));
  const tickets = linksOfLeads(db, rows.map((r) => r.lead_id));
  const domains = domainsOfLeads(db, rulesDir, rows.map((r) => r.lead_id));
  return rows.map((o) => workOrderView(o, rulesDir, now, { posts: posts.get(o.lead_id) ?? [], history: history.get(o.id) ?? [], tickets: tickets.get(o.lead_id) ?? [], domains: domains.get(o.lead_id) ?? [] }));
}
