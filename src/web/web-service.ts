import type { Server } from 'node:http';
import type { AppContext, Service } from '../context.js';
import { browseCommand, defaultDemoDir, isDemoStore } from '../demo/demo-store.js';
import { hasPosts } from '../storage/posts.js';
import { listUsers } from '../storage/users.js';
import { createApp } from './app.js';

export function createWebService(ctx: AppContext): Service {
  let server: Server | undefined;
  return {
    name: 'web',
    start: () =>
      new Promise((resolve, reject) => {
        server = createApp(ctx).listen(ctx.config.port, ctx.config.host, () => {
          const addr = server!.address();
          ctx.log.info({ address: addr }, `review queue listening on http://${ctx.config.host}:${typeof addr === 'object' && addr ? addr.port : ctx.config.port}/`);
          const demoDir = defaultDemoDir(ctx.config.dataDir);
          if (!hasPosts(ctx.db) && isDemoStore(demoDir)) {
            ctx.log.warn(`this store is empty; the demo's data is in ${demoDir}: serve it with \`${browseCommand(demoDir)}\``);
          }
          if (listUsers(ctx.db).length === 0) {
            ctx.log.warn('no users yet: create the first admin with `npm run cli -- user add NAME --role admin` (asks for the password), then log in');
          }
          resolve();
        });
        server.once('error', (err) => reject(new Error(`cannot listen on ${ctx.config.host}:${ctx.config.port}: ${err.message}; set PORT to a free port`)));
      }),
    stop: () => new Promise((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
}
