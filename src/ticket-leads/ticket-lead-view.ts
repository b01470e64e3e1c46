import { auditTrail } from '../audit/audit-log.js';
import { CATEGORIES, type Category } from '../domain/categories.js';
import { DISMISS_REASONS, TICKET_LEAD_STATUS_LABELS, TICKET_LEAD_TRANSITIONS, type DismissReason, type TicketLeadStatus } from '../domain/ticket-lead-status.js';
import { namedDomains } from '../public-interest/domain-names.js';
import type { Db } from '../storage/database.js';
import type { ScreenableTicket, TicketLeadListRow, TicketLeadRow } from '../storage/ticket-leads.js';
import { actorName } from '../text/audit-lines.js';
import { subItemName } from '../workorders/responsibility.js';
import type { HitReason, HitSpan } from './screen-ticket.js';
import { screenedText } from './screen-ticket.js';
import { topicName, type ScreeningTopics } from './screening-topics.js';

const FILTER_LABELS: Record<string, string> = {
  engine: '引擎判为线索', categories: '引擎分类', sub_items: '事项', hotline_categories: '热线分类', districts: '区', streets: '街道',
  places: '地点包含', received: '受理时间', urgency: '紧急程度', domains: '公益诉讼领域',
};

/** Why a topic fired, in words supervisors read. */
export function reasonText(r: HitReason, rulesDir: string): string {
  if (r.kind === 'rule') return `规则「${r.name}」命中：${r.phrases.join('、')}`;
  const value = r.filter === 'sub_items' ? (subItemName(rulesDir, r.value) ?? r.value) : r.filter === 'domains' ? namedDomains(rulesDir, [r.value])[0]!.name : r.value;
  return `${FILTER_LABELS[r.filter] ?? r.filter}：${value}`;
}

const parse = <T>(json: string, fallback: T): T => {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
};

const categoryLabel = (c: string | null) => (c ? (CATEGORIES[c as Category] ?? c) : null);

/** The engine's reading of a ticket, named. */
function readingView(t: Pick<ScreenableTicket, 'category' | 'sub_item' | 'urgency' | 'district' | 'district_raw' | 'street' | 'place'> & { is_lead?: number | null; domains?: string }, rulesDir: string) {
  return {
    ...(t.is_lead === undefined ? {} : { is_lead: t.is_lead === 1 }),
    category: t.category,
    category_label: categoryLabel(t.category),
    sub_item: t.sub_item,
    sub_item_label: subItemName(rulesDir, t.sub_item),
    urgency: t.urgency,
    location: { district: t.district ?? t.district_raw, street: t.street, place: t.place },
    ...(t.domains === undefined ? {} : { domains: namedDomains(rulesDir, parse<string[]>(t.domains, [])) }),
  };
}

function reviewView(db: Db, l: TicketLeadRow) {
  return {
    status: l.status,
    status_label: TICKET_LEAD_STATUS_LABELS[l.status as TicketLeadStatus] ?? l.status,
    dismiss_reason: l.dismiss_reason,
    dismiss_reason_label: l.dismiss_reason ? (DISMISS_REASONS[l.dismiss_reason as DismissReason] ?? l.dismiss_reason) : null,
    recipient: l.recipient,
    note: l.note,
    reviewed_by: l.reviewed_by === null ? null : actorName(db, `user:${l.reviewed_by}`),
    reviewed_at: l.reviewed_at,
  };
}

const EXCERPT = 140;

/** A row of the 热线线索 list. */
export function listItemView(db: Db, topics: ScreeningTopics, rulesDir: string, r: TicketLeadListRow) {
  return {
    id: r.id,
    topic: { code: r.topic, name: topicName(topics, r.topic) },
    received_at: r.received_at,
    ticket: { id: r.ticket_id, source: r.source, ticket_no: r.ticket_no, title: r.title, excerpt: r.text.length > EXCERPT ? `${r.text.slice(0, EXCERPT)}…` : r.text, category_raw: r.category_raw, department: r.department, status_raw: r.status_raw, address: r.address },
    reading: readingView(r, rulesDir),
    reasons: parse<HitReason[]>(r.reasons, []).map((x) => reasonText(x, rulesDir)),
    ...reviewView(db, r),
  };
}
export type ListItemView = ReturnType<typeof listItemView>;

/** The audit of one hit in words: who, when, from which status to which (with reason, recipient, note). */
function reviewHistory(db: Db, id: number) {
  return auditTrail(db, 'ticket_lead', id).map((a) => {
    const before = (a.before ?? {}) as { status?: TicketLeadStatus };
    const after = (a.after ?? {}) as { status?: TicketLeadStatus; dismiss_reason?: DismissReason | null; recipient?: string | null; note?: string | null };
    const label = (s?: TicketLeadStatus) => (s ? TICKET_LEAD_STATUS_LABELS[s] : '—');
    const extra = [after.dismiss_reason && `原因：${DISMISS_REASONS[after.dismiss_reason]}`, after.recipient && `移送至：${after.recipient}`, after.note && `说明：${after.note}`].filter(Boolean).join('；');
    return { at: a.at, who: actorName(db, a.actor, a.actor_name), what: `${label(before.status)} → ${label(after.status)}${extra ? `（${extra}）` : ''}` };
  });
}

/** One hit with its whole ticket, the hotline's reply, the engine's reading, every topic the ticket hit (rules and spans) and the review history. */
export function detailView(db: Db, topics: ScreeningTopics, rulesDir: string, lead: TicketLeadRow, ticket: ScreenableTicket, hits: readonly TicketLeadRow[]) {
  return {
    id: lead.id,
    topic: { code: lead.topic, name: topicName(topics, lead.topic) },
    received_at: lead.received_at,
    ...reviewView(db, lead),
    /** The decisions open from here (TICKET_LEAD_TRANSITIONS), and the reasons 不予处理 takes. */
    next_statuses: (TICKET_LEAD_TRANSITIONS[lead.status as TicketLeadStatus] ?? []).map((s) => ({ status: s, label: TICKET_LEAD_STATUS_LABELS[s] })),
    dismiss_reasons: Object.entries(DISMISS_REASONS).map(([code, label]) => ({ code, label })),
    ticket: {
      id: ticket.id, source: ticket.source, ticket_no: ticket.ticket_no, received_at: ticket.received_at, title: ticket.title, text: ticket.text, category_raw: ticket.category_raw,
      address: ticket.address, district_raw: ticket.district_raw, department: ticket.department, status_raw: ticket.status_raw,
      reply: ticket.reply, replied_at: ticket.replied_at, satisfaction: ticket.satisfaction, screened_at: ticket.screened_at,
    },
    reading: readingView(ticket, rulesDir),
    /** The text the keyword rules read (title, line break, text); hits' spans are offsets in it. */
    screened_text: screenedText(ticket),
    hits: hits.map((h) => ({
      id: h.id,
      topic: { code: h.topic, name: topicName(topics, h.topic) },
      status: h.status,
      status_label: TICKET_LEAD_STATUS_LABELS[h.status as TicketLeadStatus] ?? h.status,
      reasons: parse<HitReason[]>(h.reasons, []).map((x) => reasonText(x, rulesDir)),
      spans: parse<HitSpan[]>(h.spans, []),
    })),
    history: reviewHistory(db, lead.id),
  };
}
