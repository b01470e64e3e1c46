import path from 'node:path';
import { Router } from 'express';
import { currentActor, requireRole } from '../../web/auth/guards.js';
import { parseInput } from '../../web/http-errors.js';
import type { RouteModule } from '../../web/route-module.js';
import { refusedText } from '../../files/rejected-text.js';
import { latestRuleVersions, ruleVersions } from '../../storage/rule-versions.js';
import { emptyBody, ruleActivateBody, ruleParams, ruleTextBody, ruleTrialBody, ruleVersionParams } from './rule-admin-bodies.js';
import { ruleAdminOpenapi } from './rule-admin-openapi.js';
import { checkRuleText } from './rule-check.js';
import { listRuleFiles, readRuleFile, ruleFileSummary, ruleJsonSchema } from './rule-files.js';
import { activateRules, rollbackRules } from './rule-store.js';
import { trialRuleEdit } from './rule-trial.js';

/**
 * 规则 console (admins): list the rule files, open one (text, field help, versions), check an
 * edit as it is typed, test it against the labelled sets and stored posts, activate, roll back;
 * each action audited (rule-store.ts, rule-trial.ts).
 */
export const ruleAdminRoutes: RouteModule = {
  name: 'rule-admin',
  mount(app, ctx) {
    const router = Router();
    const admin = requireRole('admin');
    const dir = () => path.resolve(ctx.config.rulesDir);

    router.get('/api/admin/rules', admin, (_req, res) => {
      const latest = latestRuleVersions(ctx.db);
      res.json({
        files: listRuleFiles(dir()).map((f) => {
          const v = latest.get(f.file);
          return { key: f.key, file: f.file, ...ruleFileSummary(f), changedAt: v?.created_at ?? f.mtime, changedBy: v ? (v.actor === 'system' ? null : v.actor_name) : null, version: v?.version ?? null };
        }),
      });
    });
    router.get('/api/admin/rules/:key', admin, (req, res) => {
      const { key } = parseInput(ruleParams, req.params, 'path');
      const f = readRuleFile(dir(), key);
      res.json({ key, file: f.file, yaml: f.yaml, sha: f.sha, ...ruleFileSummary(f), schema: ruleJsonSchema(f.file), versions: ruleVersions(ctx.db, f.file) });
    });
    router.post('/api/admin/rules/:key/validate', admin, (req, res) => {
      const { key } = parseInput(ruleParams, req.params, 'path');
      const { yaml } = parseInput(ruleTextBody, req.body);
      const issues = checkRuleText(yaml, readRuleFile(dir(), key).file);
      res.json({ valid: issues.length === 0, issues });
    });
    router.post('/api/admin/rules/:key/test', admin, async (req, res) => {
      const { key } = parseInput(ruleParams, req.params, 'path');
      const body = parseInput(ruleTrialBody, req.body);
      res.json(await trialRuleEdit(ctx, { key, ...body, actor: currentActor(res) }));
    });
    router.post('/api/admin/rules/:key/activate', admin, async (req, res) => {
      const { key } = parseInput(ruleParams, req.params, 'path');
      const body = parseInput(ruleActivateBody, req.body);
      res.json({ key, version: await activateRules(ctx, { key, ...body, actor: currentActor(res) }) });
    });
    router.post('/api/admin/rules/:key/versions/:version/rollback', admin, async (req, res) => {
      const { key, version } = parseInput(ruleVersionParams, req.params, 'path');
      parseInput(emptyBody, req.body);
      res.json({ key, version: await rollbackRules(ctx, { key, version, actor: currentActor(res) }) });
    });
    router.use(refusedText);
    app.use(router);
  },
  openapiPaths: ruleAdminOpenapi,
};
