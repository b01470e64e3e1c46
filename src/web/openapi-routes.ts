import { allowAnonymous } from './auth/guards.js';
import { buildOpenapiDocument } from './openapi/document.js';
import { renderDocsPage } from './openapi/docs-page.js';
import type { RouteModule } from './route-module.js';

/** /api/openapi.json and /api/docs, built from every registered module (app.locals.routeModules). */
export const openapiRoutes: RouteModule = {
  name: 'openapi',
  mount(app) {
    const doc = () => buildOpenapiDocument(app.locals.routeModules as RouteModule[]);
    app.get('/api/openapi.json', allowAnonymous(), (_req, res) => {
      res.json(doc());
    });
    app.get('/api/docs', allowAnonymous(), (_req, res) => {
      res.type('html').send(renderDocsPage(doc() as Parameters<typeof renderDocsPage>[0]));
    });
  },
  openapiPaths: {
    '/api/openapi.json': { get: { tags: ['docs'], summary: '本文档（OpenAPI 3.1）', security: [], responses: { '200': { description: 'the document', content: { 'application/json': { example: { openapi: '3.1.0' } } } } } } },
    '/api/docs': { get: { tags: ['docs'], summary: '本文档的可读 HTML 版本', security: [], responses: { '200': { description: 'HTML', content: { 'text/html': { example: '<!doctype html>…' } } } } } },
  },
};
