import { Router, type Response } from 'express';
import { CATEGORIES, type Category } from '../domain/categories.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { nowIso } from '../storage/database.js';
import { deleteSavedSearch, insertSavedSearch, publicInterestLeads, savedSearchesOf, transfersOfLead, type TransferRow } from '../storage/public-interest.js';
import { actorName } from '../text/audit-lines.js';
import { currentActor, READERS, requireRole, sessionOf } from '../web/auth/guards.js';
import { parseInput } from '../web/http-errors.js';
import type { RouteModule } from '../web/route-module.js';
import type { Db } from '../storage/database.js';
import { domainsOfLead, namedDomains } from './domain-names.js';
import { domainRulesFor } from './domain-rules.js';
import { publicInterestOpenapi } from './public-interest-openapi.js';
import { idParam, leadsQuery, saveSearchBody, transferBody, transferUpdateBody } from './public-interest-schemas.js';
import { recordTransfer, updateTransferOutcome } from './transfers.js';

function userActor(res: Response) {
  const actor = currentActor(res);
  if (actor.kind !== 'user') throw new ForbiddenError('移送记录需要登录的监督员或管理员');
  return actor;
}

const transferView = (db: Db, t: TransferRow) => ({
  id: t.id, lead_id: t.lead_id, transferred_at: t.transferred_at, by: actorName(db, `user:${t.transferred_by}`), recipient: t.recipient, outcome: t.outcome, note: t.note, updated_at: t.updated_at,
});

/** 公益诉讼线索: tagged leads with filters, per-user saved searches, and transfers to the procuratorate. */
export const publicInterestRoutes: RouteModule = {
  name: 'public-interest',
  mount(app, ctx) {
    const router = Router();
    const reader = requireRole(...READERS);
    const supervisor = requireRole('supervisor', 'admin');

    router.get('/api/public-interest/domains', reader, (_req, res) => {
      res.json({ domains: domainRulesFor(ctx.config.rulesDir).domains.map((d) => ({ code: d.code, name: d.name })) });
    });
    router.get('/api/public-interest/leads', reader, (req, res) => {
      const q = parseInput(leadsQuery, req.query, 'query');
      const rows = publicInterestLeads(ctx.db, { ...q, from: q.from && new Date(q.from).toISOString(), to: q.to && new Date(q.to).toISOString() });
      res.json({
        items: rows.map((r) => ({
          id: r.id, status: r.status, category_label: CATEGORIES[r.category as Category] ?? r.category, location: { district: r.district, street: r.street, place: r.place },
          summary: r.summary, discovered_at: r.discovered_at, domains: namedDomains(ctx.config.rulesDir, r.domains.split(',')), work_order: r.work_order, transfers: r.transfers,
        })),
      });
    });
    router.get('/api/leads/:id/public-interest', reader, (req, res) => {
      const { id } = parseInput(idParam, req.params, 'path');
      res.json({ domains: domainsOfLead(ctx.db, ctx.config.rulesDir, id), transfers: transfersOfLead(ctx.db, id).map((t) => transferView(ctx.db, t)) });
    });

    router.post('/api/public-interest/transfers', supervisor, (req, res) => {
      const b = parseInput(transferBody, req.body, 'body');
      const t = recordTransfer(ctx, { leadId: b.lead_id, recipient: b.recipient, transferredAt: b.transferred_at, outcome: b.outcome, note: b.note, actor: userActor(res) });
      res.status(201).json(transferView(ctx.db, t));
    });
    router.patch('/api/public-interest/transfers/:id', supervisor, (req, res) => {
      const { id } = parseInput(idParam, req.params, 'path');
      const b = parseInput(transferUpdateBody, req.body, 'body');
      res.json(transferView(ctx.db, updateTransferOutcome(ctx, { id, outcome: b.outcome, note: b.note, actor: userActor(res) })));
    });

    const userId = (res: Response) => sessionOf(res)!.user.id;
    const searchView = (s: { id: number; name: string; filter: string; created_at: string }) => ({ id: s.id, name: s.name, filter: JSON.parse(s.filter) as unknown, created_at: s.created_at });
    router.get('/api/public-interest/searches', reader, (_req, res) => {
      res.json({ items: savedSearchesOf(ctx.db, userId(res)).map(searchView) });
    });
    router.post('/api/public-interest/searches', reader, (req, res) => {
      const b = parseInput(saveSearchBody, req.body, 'body');
      const row = { user_id: userId(res), name: b.name, filter: JSON.stringify(b.filter), created_at: nowIso() };
      res.status(201).json(searchView({ id: insertSavedSearch(ctx.db, row), ...row }));
    });
    router.delete('/api/public-interest/searches/:id', reader, (req, res) => {
      const { id } = parseInput(idParam, req.params, 'path');
      if (!deleteSavedSearch(ctx.db, id, userId(res))) throw new NotFoundError(`您没有编号为 ${id} 的已保存搜索`);
      res.json({ ok: true });
    });

    app.use(router);
  },
  openapiPaths: publicInterestOpenapi,
};
