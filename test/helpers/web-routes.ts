import type { Express } from 'express';
import { accessPolicyOf, type AccessPolicy } from '../../src/web/auth/guards.js';

/** Every route registered on an Express 5 app, with the access policies of the guards in front of it. */
interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean>; stack: Layer[] };
  handle: ((...args: unknown[]) => unknown) & { stack?: Layer[] };
  rawPath?: string | string[];
  name: string;
}

export interface FoundRoute {
  method: string;
  path: string;
  policies: AccessPolicy[];
}

export function listRoutes(app: Express): FoundRoute[] {
  const found: FoundRoute[] = [];
  const walk = (stack: Layer[], prefix: string, inherited: AccessPolicy[]) => {
    const active = [...inherited];
    for (const layer of stack) {
      if (layer.route) {
        const policies = [...active, ...layer.route.stack.map((l) => accessPolicyOf(l.handle)).filter((p): p is AccessPolicy => !!p)];
        for (const path of ([] as string[]).concat(layer.route.path)) {
          for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) found.push({ method: method.toUpperCase(), path: prefix + path, policies });
        }
        continue;
      }
      const raw = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      if (Array.isArray(layer.handle.stack)) walk(layer.handle.stack, prefix + raw, active);
      else {
        const policy = accessPolicyOf(layer.handle);
        if (policy) active.push(policy); // router.use(guard): guards every later route of this router
      }
    }
  };
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  walk(router.stack, '', []);
  return found;
}

