import type { Db } from '../storage/database.js';
import { linksOfLeads, type LinkedTicketRow } from '../storage/ticket-links.js';

export const RELATION_LABELS = { ticket_before: '热线在先（已诉）', ticket_after: '热线在后' } as const;
export const LINK_STATE_LABELS = { linked: '系统关联', confirmed: '已人工确认', undone: '已撤销' } as const;

/**
 * A linked hotline ticket as staff, departments and the lead page read it: the hotline's number,
 * when it was received, its own category, status and reply (the ticket's text stays raw text),
 * and how sure the matcher was.
 */
export function linkedTicketView(r: LinkedTicketRow) {
  return {
    link_id: r.link_id,
    ticket_no: r.ticket_no,
    source: r.source,
    received_at: r.received_at,
    title: r.title,
    text: r.text,
    hotline_category: r.category_raw,
    hotline_status: r.status_raw,
    reply: r.reply,
    replied_at: r.replied_at,
    relation: r.relation,
    relation_label: RELATION_LABELS[r.relation],
    state: r.state,
    state_label: LINK_STATE_LABELS[r.state],
    score: r.score,
    score_parts: { place: r.place_score, sub_item: r.category_score, time: r.time_score, text: r.text_score },
    linked_by: r.linked_by,
    linked_at: r.linked_at,
  };
}

/** 已诉 when a live linked ticket was received before the lead's first post; 未诉 otherwise. */
export function hotlineState(links: readonly LinkedTicketRow[]) {
  const reported = links.some((l) => l.state !== 'undone' && l.relation === 'ticket_before');
  return { reported, label: reported ? '已诉' : '未诉' };
}

/** What the lead JSON carries: the state and every link (undone ones too, so a person can see what was undone). */
export function leadHotline(db: Db, leadId: number) {
  const links = linksOfLeads(db, [leadId], true).get(leadId) ?? [];
  return { ...hotlineState(links), tickets: links.map(linkedTicketView) };
}

/** The OpenAPI example of a linked ticket (work orders and the lead JSON). */
export const linkedTicketExample = {
  link_id: 31, ticket_no: 'BA2611200417', source: 'szbaoan', received_at: '2026-11-20T06:12:00.000Z', title: null,
  text: '市民来电反映固戍地铁站A出口附近井盖缺失，夜间存在安全隐患，请尽快处理。', hotline_category: '城市管理/市政设施', hotline_status: '已办结',
  reply: '已安排补装井盖，现场已设置围挡。', replied_at: '2026-11-22T02:00:00.000Z', relation: 'ticket_before', relation_label: RELATION_LABELS.ticket_before,
  state: 'linked', state_label: LINK_STATE_LABELS.linked, score: 0.82, score_parts: { place: 1, sub_item: 1, time: 1, text: 0.41 }, linked_by: 'system', linked_at: '2026-11-21T00:31:05.000Z',
};
