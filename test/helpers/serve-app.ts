/**
 * Starts the web app alone in this process on 127.0.0.1:0 against DATA_DIR and prints
 * `listening <port>` on stdout. Used by tests that need a second process (truly concurrent
 * requests) and by bench/queue.ts.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig, databaseFile } from '../../src/config/load.js';
import { createLogger } from '../../src/log.js';
import { openDatabase } from '../../src/storage/database.js';
import { createApp } from '../../src/web/app.js';

const config = loadConfig({ overrides: { scheduler: false } });
const ctx = { config, db: openDatabase(databaseFile(config)), log: createLogger(process.env.LOG_LEVEL ?? 'warn') };
const server = createApp(ctx).listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
