import { Router, type Response } from 'express';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { inReadTransaction } from '../storage/database.js';
import { getTicketLead, screenableTicket, ticketLeadCounts, ticketLeadPage, ticketLeadsOfTicket, type TicketLeadFilter } from '../storage/ticket-leads.js';
import { currentActor, requireRole } from '../web/auth/guards.js';
import { parseInput } from '../web/http-errors.js';
import type { RouteModule } from '../web/route-module.js';
import type { AppContext } from '../context.js';
import { reviewTicketLead } from './review-ticket-lead.js';
import { ENGINE_TOPIC, screeningTopicsFor, topicName, type ScreeningTopics } from './screening-topics.js';
import { topicsView } from './topics-view.js';
import { ticketLeadsCsv } from './ticket-lead-csv.js';
import { ticketLeadOpenapi } from './ticket-lead-openapi.js';
import { idParam, reviewBody, ticketLeadFilter, ticketLeadsQuery } from './ticket-lead-schemas.js';
import { detailView, listItemView } from './ticket-lead-view.js';

type Filter = ReturnType<typeof ticketLeadFilter.parse>;
const CSV_MAX = 10_000;

const storeFilter = (q: Filter): TicketLeadFilter => ({ ...q, from: q.from && new Date(q.from).toISOString(), to: q.to && new Date(q.to).toISOString() });
const encodeCursor = (r: { received_at: string; id: number }) => Buffer.from(JSON.stringify([r.received_at, r.id])).toString('base64url');

function decodeCursor(after: string | undefined): { received_at: string; id: number } | null {
  if (!after) return null;
  try {
    const [received_at, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof received_at === 'string' && Number.isInteger(id)) return { received_at, id: id as number };
  } catch {
    // answered below
  }
  throw new ValidationError(`应为上一页返回的 next，收到的「${after.slice(0, 40)}」无法识别；请从第一页重新加载`, 'query.after');
}

function userActor(res: Response) {
  const actor = currentActor(res);
  if (actor.kind !== 'user') throw new ForbiddenError('核查热线线索需要登录的监督员或管理员');
  return actor;
}

function list(ctx: AppContext, f: TicketLeadFilter, after: { received_at: string; id: number } | null, limit: number) {
  const topics = screeningTopicsFor(ctx.config.rulesDir);
  const rows = ticketLeadPage(ctx.db, f, after, limit);
  return { topics, rows, items: rows.map((r) => listItemView(ctx.db, topics, ctx.config.rulesDir, r)) };
}

/** Hits per topic under the filters but the topic (every topic listed, 0 included; a removed topic that still has hits too). */
function topicCounts(ctx: AppContext, topics: ScreeningTopics, f: TicketLeadFilter) {
  const counted = new Map(ticketLeadCounts(ctx.db, f).map((c) => [c.topic, c]));
  const codes = [ENGINE_TOPIC.code, ...topics.topics.map((t) => t.code), ...[...counted.keys()].filter((c) => c !== ENGINE_TOPIC.code && !topics.topics.some((t) => t.code === c))];
  return codes.map((code) => ({ topic: { code, name: topicName(topics, code) }, total: counted.get(code)?.total ?? 0, pending: counted.get(code)?.pending ?? 0 }));
}

/** 热线线索: hits of screened tickets (topics and 引擎线索) for supervisors and admins: list, counts per topic, detail, review, CSV. */
export const ticketLeadRoutes: RouteModule = {
  name: 'ticket-leads',
  mount(app, ctx) {
    const router = Router();
    const supervisor = requireRole('supervisor', 'admin');

    router.get('/api/screening-topics', supervisor, (_req, res) => {
      res.json(topicsView(screeningTopicsFor(ctx.config.rulesDir), ctx.config.rulesDir));
    });

    router.get('/api/hotline-leads', supervisor, (req, res) => {
      const q = parseInput(ticketLeadsQuery, req.query, 'query');
      const { after, limit, ...filter } = q;
      const cursor = decodeCursor(after);
      const f = storeFilter(filter);
      const body = inReadTransaction(ctx.db, () => {
        const { topics, rows, items } = list(ctx, f, cursor, limit + 1);
        const more = rows.length > limit;
        return { items: items.slice(0, limit), next: more ? encodeCursor(rows[limit - 1]!) : null, counts: cursor ? null : topicCounts(ctx, topics, f) };
      });
      res.json(body);
    });

    router.get('/api/hotline-leads.csv', supervisor, (req, res) => {
      const f = storeFilter(parseInput(ticketLeadFilter, req.query, 'query'));
      const items = inReadTransaction(ctx.db, () => list(ctx, f, null, CSV_MAX).items);
      res.set('Content-Type', 'text/csv; charset=utf-8');
      res.set('Content-Disposition', `attachment; filename="hotline-leads.csv"; filename*=UTF-8''${encodeURIComponent('热线线索.csv')}`);
      res.send(ticketLeadsCsv(items));
    });

    /** A hit with its ticket and the ticket's other hits, as one snapshot. */
    const detail = (id: number) =>
      inReadTransaction(ctx.db, () => {
        const lead = getTicketLead(ctx.db, id);
        if (!lead) throw new NotFoundError(`热线线索 ${id} 不存在；请返回列表`);
        const ticket = screenableTicket(ctx.db, lead.ticket_id)!;
        return detailView(ctx.db, screeningTopicsFor(ctx.config.rulesDir), ctx.config.rulesDir, lead, ticket, ticketLeadsOfTicket(ctx.db, ticket.id));
      });

    router.get('/api/hotline-leads/:id', supervisor, (req, res) => {
      const { id } = parseInput(idParam, req.params, 'path');
      res.json(detail(id));
    });

    router.post('/api/hotline-leads/:id/review', supervisor, (req, res) => {
      const { id } = parseInput(idParam, req.params, 'path');
      const b = parseInput(reviewBody, req.body, 'body');
      reviewTicketLead(ctx, { id, status: b.status, dismissReason: b.dismiss_reason, recipient: b.recipient, note: b.note, actor: userActor(res) });
      res.json(detail(id));
    });

    app.use(router);
  },
  openapiPaths: ticketLeadOpenapi,
};
