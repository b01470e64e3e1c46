import type { RouteModule } from './route-module.js';

export const healthRoutes: RouteModule = {
  name: 'health',
  mount(app, ctx) {
    app.get('/healthz', (_req, res) => {
      ctx.db.prepare('SELECT 1').get();
      res.json({ status: 'ok' });
    });
  },
  openapiPaths: {
    '/healthz': {
      get: {
        summary: '存活与数据库检查',
        security: [],
        responses: { '200': { description: 'ok', content: { 'application/json': { example: { status: 'ok' } } } } },
      },
    },
  },
};
