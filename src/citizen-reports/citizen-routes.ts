import { fileURLToPath } from 'node:url';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { PostPipeline } from '../pipeline/post-pipeline.js';
import { pipelineSteps } from '../pipeline/steps.js';
import { citizenPostsOfLead, photoByFile } from '../storage/citizen-reports.js';
import { allowAnonymous, READERS, requireRole } from '../web/auth/guards.js';
import { errorBody, parseInput } from '../web/http-errors.js';
import type { RouteModule } from '../web/route-module.js';
import { citizenOpenapi } from './citizen-openapi.js';
import { issueFormToken } from './form-tokens.js';
import { WindowLimiter } from './memory-limiter.js';
import { parseMultipart } from './multipart-body.js';
import { photoPath } from './photo-files.js';
import { suggestPlaces } from './place-suggest.js';
import { publicStatus } from './public-status.js';
import { CONTACT_MAX, PLACE_MAX, reportFields, TEXT_MAX, TEXT_MIN } from './report-form.js';
import { staffReportView } from './staff-view.js';
import { reserveSubmission, RateLimitedError } from './submission-limits.js';
import { submitReport } from './submit-report.js';

const PAGES_DIR = fileURLToPath(new URL('../web/ui/pages/', import.meta.url));
const FIELDS_BYTES = 64 * 1024;

const placesQuery = z.object({ q: z.string({ error: '请提供 q：要查找的地名' }).max(40, { error: '地名最多 40 个字' }) }).strict();
const refParam = z.object({ ref: z.string().max(60) }).strict();
const leadParam = z.object({ id: z.coerce.number().int().positive() }).strict();
const fileParam = z.object({ file: z.string().max(80) }).strict();

/** The client's address as the app sees it (TRUST_PROXY hops of X-Forwarded-For believed, as for logins). */
const addressOf = (req: Request) => req.ip ?? 'unknown';

function limited(res: Response, retryAfter: number, message: string): void {
  res.set('Retry-After', String(retryAfter));
  throw new RateLimitedError(message, retryAfter);
}

/**
 * 市民随手拍: the public pages (/report, /report/status), the public API (form token, submit,
 * status by reference number, place suggestions; no account, rate-limited) and, for staff, a
 * lead's reports with contact and photos, and the photos themselves (images only, sandboxed).
 */
export const citizenRoutes: RouteModule = {
  name: 'citizen-reports',
  mount(app, ctx) {
    const router = Router();
    const anyone = allowAnonymous();
    const reader = requireRole(...READERS);
    const suggestLimiter = new WindowLimiter(120, 60_000);
    const statusLimiter = new WindowLimiter(30, 60_000);
    // each form token is a row (pruned after a day): issuing them is limited too
    const formLimiter = new WindowLimiter(60, 60_000);
    const drain = () => setImmediate(() => {
      try {
        new PostPipeline(ctx.db, pipelineSteps(ctx), ctx.log).drain();
      } catch (err) {
        ctx.log.error({ err: (err as Error).message }, 'pipeline drain after a citizen report failed; the next drain files it');
      }
    });

    router.get('/report', anyone, (_req, res) => res.sendFile('report.html', { root: PAGES_DIR, headers: { 'Cache-Control': 'no-store' } }));
    router.get('/report/status', anyone, (_req, res) => res.sendFile('report-status.html', { root: PAGES_DIR, headers: { 'Cache-Control': 'no-store' } }));

    router.get('/api/public/reports/form', anyone, (req, res) => {
      const wait = formLimiter.take(addressOf(req));
      if (wait) limited(res, wait, `打开表单太频繁，请 ${wait} 秒后再刷新页面`);
      const c = ctx.config;
      res.json({
        form_token: issueFormToken(ctx.db, new Date()),
        limits: { text_min: TEXT_MIN, text_max: TEXT_MAX, place_max: PLACE_MAX, contact_max: CONTACT_MAX, photos_max: c.citizenPhotoMaxFiles, photo_max_bytes: c.citizenPhotoMaxBytes, photo_types: ['image/jpeg', 'image/png', 'image/webp'] },
      });
    });

    router.post('/api/public/reports', anyone, async (req, res) => {
      if (!/^multipart\/form-data/i.test(req.get('content-type') ?? '')) {
        throw new ValidationError(`应以 multipart/form-data 提交（浏览器表单的方式），收到的是 ${req.get('content-type') || '没有 Content-Type 的请求'}`, 'body');
      }
      const now = new Date();
      try {
        reserveSubmission(ctx.db, ctx.config, addressOf(req), now);
      } catch (err) {
        if (err instanceof RateLimitedError) limited(res, err.retryAfter, err.message);
        throw err;
      }
      const c = ctx.config;
      const form = await parseMultipart(req, { maxBodyBytes: c.citizenPhotoMaxFiles * c.citizenPhotoMaxBytes + FIELDS_BYTES, maxFiles: c.citizenPhotoMaxFiles });
      const fields = parseInput(reportFields, form.fields, 'body');
      const r = await submitReport(ctx, fields, form.files, addressOf(req), now);
      drain();
      res.status(201).json({ ref: r.ref, status: 'received', status_label: '已受理', submitted_at: r.submittedAt, photos: r.photos, status_url: `/report/status?ref=${encodeURIComponent(r.ref)}` });
    });

    router.get('/api/public/reports/:ref', anyone, (req, res) => {
      const wait = statusLimiter.take(addressOf(req));
      if (wait) limited(res, wait, `查询太频繁，请 ${wait} 秒后再试`);
      const { ref } = parseInput(refParam, req.params, 'path');
      res.json(publicStatus(ctx.db, ref));
    });

    router.get('/api/public/places', anyone, (req, res) => {
      const wait = suggestLimiter.take(addressOf(req));
      if (wait) limited(res, wait, `查询地名太频繁，请 ${wait} 秒后再试；也可以直接输入地点`);
      const { q } = parseInput(placesQuery, req.query, 'query');
      res.json({ items: suggestPlaces(ctx.config.rulesDir, ctx.config.city, q).map((p) => ({ id: p.id, label: p.label, district: p.district, street: p.street })) });
    });

    router.get('/api/leads/:id/citizen-reports', reader, (req, res) => {
      const { id } = parseInput(leadParam, req.params, 'path');
      res.json({ reports: citizenPostsOfLead(ctx.db, id).map((postId) => ({ post_id: postId, ...staffReportView(ctx.db, postId) })) });
    });

    router.get('/api/citizen-photos/:file', reader, (req, res) => {
      const { file } = parseInput(fileParam, req.params, 'path');
      const path = photoPath(ctx.config.dataDir, file);
      const photo = photoByFile(ctx.db, file);
      if (!photo) return void res.status(404).json(errorBody(`没有名为「${file}」的照片`));
      res.sendFile(path, {
        headers: {
          'Content-Type': photo.mime,
          'X-Content-Type-Options': 'nosniff',
          'Content-Disposition': 'inline',
          'Content-Security-Policy': "default-src 'none'; sandbox",
          'Cache-Control': 'private, no-store',
          'Cross-Origin-Resource-Policy': 'same-origin',
        },
      });
    });

    app.use(router);
  },
  openapiPaths: citizenOpenapi,
};
