import { Router, type Request } from 'express';
import path from 'node:path';
import { requireApiKey } from '../downstream/api-key-guard.js';
import { requestHash, runIdempotent } from '../downstream/idempotency.js';
import { NotFoundError } from '../errors.js';
import { nowIso } from '../storage/database.js';
import { getImport, importRejects, listImports, type TicketImportRow } from '../storage/ticket-imports.js';
import { saveReadings, unscreenedByNumber } from '../storage/tickets.js';
import { actorName } from '../text/audit-lines.js';
import { currentActor, requireRole } from '../web/auth/guards.js';
import { parseInput } from '../web/http-errors.js';
import type { RouteModule } from '../web/route-module.js';
import type { AppContext } from '../context.js';
import { markAbandonedImports } from './interrupted-imports.js';
import { importPushBatch, type PushRowResult } from './push-batch.js';
import { currentReadingParts } from './reading-parts.js';
import { rejectsCsv } from './rejects-csv.js';
import { readerFor } from './row-readers.js';
import { listTicketSources, loadTicketSource } from './source-loader.js';
import { ticketOpenapi } from './ticket-openapi.js';
import { readBatch, type ReadingParts } from './ticket-reading.js';
import { importIdParam, importsQuery, pushBody, uploadQuery } from './ticket-schemas.js';
import { saveUpload } from './upload-file.js';
import { startWebImport } from './web-import.js';
import { afterTicketsRead } from './after-import.js';

const actorKey = (a: ReturnType<typeof currentActor>) => (a.kind === 'system' ? 'system' : `${a.kind}:${a.id}`);

function importView(ctx: AppContext, i: TicketImportRow) {
  return {
    id: i.id, source: i.source, origin: i.origin, file_name: i.file_name, format: i.format, status: i.status,
    rows: { read: i.rows_read, inserted: i.rows_inserted, updated: i.rows_updated, unchanged: i.rows_unchanged, rejected: i.rows_rejected },
    error: i.error, by: i.actor === 'cli' ? '命令行' : actorName(ctx.db, i.actor), started_at: i.started_at, finished_at: i.finished_at,
  };
}

/** The source a request names, as a 404 naming the known ones when there is none (a broken file: its error). */
function sourceOf(ctx: AppContext, key: string) {
  return loadTicketSource(ctx.config.rulesDir, key);
}

/** 12345 hotline tickets over HTTP: a hotline system pushes (API key, tickets:push); admins upload exports and read the history and rejected rows. */
export const ticketRoutes: RouteModule = {
  name: 'tickets',
  mount(app, ctx) {
    const router = Router();
    const admin = requireRole('admin');
    const reader = requireRole('admin', 'supervisor');
    // loaded on the first push (the rules and the model take ~1 s), then following their edits
    let parts: (() => ReadingParts) | undefined;

    router.post('/api/v1/tickets', requireApiKey(ctx, 'tickets:push'), (req, res) => {
      const body = parseInput(pushBody, req.body, 'body');
      const source = sourceOf(ctx, body.source);
      const outcome = runIdempotent(ctx.db, res.locals.apiKeyId as number, req.get('idempotency-key'), requestHash('POST', req.path, body), () => {
        const result = importPushBatch(ctx.db, source, body.tickets, actorKey(currentActor(res)));
        return { status: result.accepted > 0 ? 200 : 422, body: result };
      });
      if (outcome.replayed) res.set('Idempotent-Replayed', 'true');
      else {
        // the engine reads what this batch stored (at most a few hundred tickets, on this thread)
        const stored = (outcome.body as { results?: PushRowResult[] }).results?.flatMap((r) => ('ticket_no' in r ? [r.ticket_no] : [])) ?? [];
        const pending = unscreenedByNumber(ctx.db, source.key, stored);
        if (pending.length > 0) {
          parts ??= currentReadingParts(ctx);
          saveReadings(ctx.db, readBatch(pending, parts(), (id, err) => ctx.log.error({ ticketId: id, err: err.message }, 'the engine failed on a ticket; stored as no lead')), nowIso());
          afterTicketsRead(ctx);
        }
      }
      res.status(outcome.status).json(outcome.body);
    });

    router.get('/api/tickets/sources', reader, (_req, res) => {
      res.json({ items: listTicketSources(ctx.config.rulesDir) });
    });
    router.get('/api/tickets/imports', reader, (req, res) => {
      const q = parseInput(importsQuery, req.query, 'query');
      markAbandonedImports(ctx.db);
      res.json({ items: listImports(ctx.db, q.limit).map((i) => importView(ctx, i)) });
    });
    router.get('/api/tickets/imports/:id', reader, (req, res) => {
      const { id } = parseInput(importIdParam, req.params, 'path');
      const i = getImport(ctx.db, id);
      if (!i) throw new NotFoundError(`没有编号为 ${id} 的导入记录；请刷新列表`);
      res.json(importView(ctx, i));
    });
    router.get('/api/tickets/imports/:id/rejects.csv', reader, (req, res) => {
      const { id } = parseInput(importIdParam, req.params, 'path');
      if (!getImport(ctx.db, id)) throw new NotFoundError(`没有编号为 ${id} 的导入记录；请刷新列表`);
      res.type('text/csv; charset=utf-8').attachment(`导入${id}-未导入的行.csv`).send(rejectsCsv(importRejects(ctx.db, id)));
    });
    router.post('/api/tickets/imports', admin, async (req: Request, res) => {
      const q = parseInput(uploadQuery, req.query, 'query');
      const source = sourceOf(ctx, q.source);
      const fileName = path.basename(q.filename);
      readerFor(fileName); // an unknown type is refused before the upload is stored
      const file = await saveUpload(req, path.join(ctx.config.dataDir, 'ticket-uploads'), path.extname(fileName).toLowerCase());
      const importId = await startWebImport(ctx, { source, file, fileName, actor: actorKey(currentActor(res)) });
      res.status(202).json(importView(ctx, getImport(ctx.db, importId)!));
    });

    app.use(router);
  },
  openapiPaths: ticketOpenapi,
};
