import express, { type Express } from 'express';
import type { AppContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { errorHandler } from './http-errors.js';
import { routeModules } from './routes.js';

/**
 * The app factory: tests start it on port 0 with their own context. Route
 * modules (routes.ts) each mount their routers and contribute OpenAPI paths.
 */
export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.trustProxy);
  // The OpenAPI module reads every module's paths from here (no import cycle through routes.ts).
  app.locals.routeModules = routeModules;
  for (const mod of routeModules) mod.mount(app, ctx);
  app.use((req, _res, next) => next(new NotFoundError(`no route for ${req.method} ${req.path}`)));
  app.use(errorHandler(ctx.log));
  return app;
}
