import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { allowAnonymous, READERS, requireRole } from './auth/guards.js';
import type { RouteModule } from './route-module.js';

const PUBLIC_DIR = fileURLToPath(new URL('./ui/public/', import.meta.url));
const ECHARTS_FILE = createRequire(import.meta.url).resolve('echarts/dist/echarts.esm.min.mjs');
const PAGES_DIR = fileURLToPath(new URL('./ui/pages/', import.meta.url));

/**
 * The staff web UI: static ES modules + CSS under /assets (no build step, no inline script),
 * the login page, and one app shell for every staff page (client-side routes in app.js).
 */
export const uiRoutes: RouteModule = {
  name: 'ui',
  mount(app) {
    app.use('/assets', express.static(PUBLIC_DIR, { index: false, maxAge: '5m' }));
    // Apache ECharts from node_modules (the supervisors' charts): served by the app, never a CDN
    app.get('/assets/vendor/echarts.esm.min.mjs', allowAnonymous(), (_req, res) => res.sendFile(ECHARTS_FILE, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' }, maxAge: '1d' }));
    app.get('/login', allowAnonymous(), (_req, res) => res.sendFile('login.html', { root: PAGES_DIR }));
    const shell = (_req: express.Request, res: express.Response) => res.sendFile('app.html', { root: PAGES_DIR, headers: { 'Cache-Control': 'no-store' } });
    const staff = requireRole('verifier', 'admin');
    const reader = requireRole(...READERS);
    app.get('/', reader, shell);
    app.get('/leads/:id', reader, shell);
    app.get('/work-orders', reader, shell);
    app.get('/missed', reader, shell);
    app.get('/mine', staff, shell);
    app.get('/work-orders/:number', reader, shell);
    app.get('/supervision', reader, shell);
    app.get('/public-interest', reader, shell);
    app.get('/hotline-leads', requireRole('supervisor', 'admin'), shell);
    app.get('/hotline-leads/:id', requireRole('supervisor', 'admin'), shell);
    app.get('/platforms', requireRole('admin'), shell);
    app.get('/platforms/new', requireRole('admin'), shell);
    app.get('/platforms/:platform', requireRole('admin'), shell);
    app.get('/platforms/:platform/edit', requireRole('admin'), shell);
    app.get('/admin/people', requireRole('admin'), shell);
    app.get('/admin/api-keys', requireRole('admin'), shell);
    app.get('/admin/webhooks', requireRole('admin'), shell);
    app.get('/admin/platform-accounts', requireRole('admin'), shell);
    app.get('/admin/ticket-imports', requireRole('admin'), shell);
    app.get('/admin/rules', requireRole('admin'), shell);
    app.get('/admin/rules/:key', requireRole('admin'), shell);
    app.get('/overview', reader, shell);
    app.get('/head-start', reader, shell);
    app.get('/analytics/leads', reader, shell);
    app.get('/hotspots', reader, shell);
    app.get('/map', reader, shell);
    app.get('/reports', reader, shell);
    app.get('/reports/:id', reader, shell);
  },
};
