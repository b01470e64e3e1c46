import type { Express } from 'express';
import type { AppContext } from '../context.js';

/** An extension point of the web app: mounts its routes and describes them for /api/openapi.json. */
export interface RouteModule {
  name: string;
  mount(app: Express, ctx: AppContext): void;
  /** OpenAPI 3 `paths` entries for this module's endpoints. */
  openapiPaths?: Record<string, unknown>;
}
