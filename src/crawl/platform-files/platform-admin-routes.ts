import path from 'node:path';
import { Router } from 'express';
import { recordAudit } from '../../audit/audit-log.js';
import { currentActor, requireRole } from '../../web/auth/guards.js';
import { parseInput } from '../../web/http-errors.js';
import type { RouteModule } from '../../web/route-module.js';
import { definitionJsonSchema } from '../definition-issues.js';
import { dryRunText } from './dry-run.js';
import { emptyBody, platformParams as params, platformTextBody, platformEditBody, versionParams } from './platform-admin-bodies.js';
import { platformAdminOpenapi } from './platform-admin-openapi.js';
import { platformDetail } from './platform-detail.js';
import { findPlatformFile, newPlatformFile } from './platform-file.js';
import { createPlatform, deletePlatform, editPlatform, PLATFORM_ENTITY, restorePlatformVersion, setPlatformEnabled } from './platform-store.js';
import { refusedText } from '../../files/rejected-text.js';
import { runPlatformNow } from './run-now.js';
import { checkDefinitionText } from './text-check.js';

/**
 * 采集平台 console (admins): check and dry-run an editor's text, create, edit, restore, enable,
 * disable, delete and run a platform's file; each write versioned and audited (platform-store.ts).
 */
export const platformAdminRoutes: RouteModule = {
  name: 'platform-admin',
  mount(app, ctx) {
    const router = Router();
    const admin = requireRole('admin');
    const dir = () => path.resolve(ctx.config.crawlersDir);

    router.get('/api/admin/platform-schema', admin, (_req, res) => void res.json(definitionJsonSchema));
    router.post('/api/admin/platforms/validate', admin, (req, res) => {
      const body = parseInput(platformTextBody, req.body);
      const file = findPlatformFile(dir(), body.platform)?.file ?? newPlatformFile(dir(), body.platform);
      const checked = checkDefinitionText(body.yaml, file, body.platform);
      res.json({ valid: checked.ok, issues: checked.ok ? [] : checked.issues });
    });
    router.post('/api/admin/platforms/dry-run', admin, async (req, res) => {
      const body = parseInput(platformTextBody, req.body);
      const result = await dryRunText(ctx, body);
      recordAudit(ctx.db, { actor: currentActor(res), entity: PLATFORM_ENTITY, entityId: body.platform, action: 'dry_run', after: { status: result.status, posts: result.posts.length } });
      res.json(result);
    });
    router.post('/api/admin/platforms', admin, (req, res) => {
      const body = parseInput(platformTextBody, req.body);
      res.status(201).json({ platform: body.platform, version: createPlatform(ctx, { ...body, actor: currentActor(res) }) });
    });
    router.get('/api/admin/platforms/:platform', admin, (req, res) => {
      const { platform } = parseInput(params, req.params, 'path');
      res.json(platformDetail(ctx, platform));
    });
    router.put('/api/admin/platforms/:platform', admin, (req, res) => {
      const { platform } = parseInput(params, req.params, 'path');
      const body = parseInput(platformEditBody, req.body);
      res.json({ platform, version: editPlatform(ctx, { platform, ...body, actor: currentActor(res) }) });
    });
    router.delete('/api/admin/platforms/:platform', admin, (req, res) => {
      const { platform } = parseInput(params, req.params, 'path');
      res.json({ platform, version: deletePlatform(ctx, { platform, actor: currentActor(res) }) });
    });
    for (const [action, enabled] of [['enable', true], ['disable', false]] as const) {
      router.post(`/api/admin/platforms/:platform/${action}`, admin, (req, res) => {
        const { platform } = parseInput(params, req.params, 'path');
        parseInput(emptyBody, req.body);
        res.json({ platform, version: setPlatformEnabled(ctx, { platform, enabled, actor: currentActor(res) }) });
      });
    }
    router.post('/api/admin/platforms/:platform/run', admin, (req, res) => {
      const { platform } = parseInput(params, req.params, 'path');
      parseInput(emptyBody, req.body);
      runPlatformNow(ctx, { platform, actor: currentActor(res) });
      res.status(202).json({ platform, started: true });
    });
    router.post('/api/admin/platforms/:platform/versions/:version/restore', admin, (req, res) => {
      const { platform, version } = parseInput(versionParams, req.params, 'path');
      parseInput(emptyBody, req.body);
      res.json({ platform, version: restorePlatformVersion(ctx, { platform, version, actor: currentActor(res) }) });
    });
    router.use(refusedText);
    app.use(router);
  },
  openapiPaths: platformAdminOpenapi,
};
