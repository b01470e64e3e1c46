import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import type { AppContext } from '../../src/context.js';
import { createLogger } from '../../src/log.js';
import { openDatabase } from '../../src/storage/database.js';
import { databaseFile } from '../../src/config/load.js';

export interface TempContext extends AppContext {
  dir: string;
  cleanup(): void;
}

/** A real SQLite file in a fresh temp dir, migrated, with a silent logger (LOG_LEVEL overrides for debugging). */
export function tempContext(overrides: Partial<Config> = {}): TempContext {
  const dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-test-'));
  const config = loadConfig({ env: {}, cwd: dir, overrides: { dataDir: dir, crawlersDir: path.resolve('crawlers'), rulesDir: path.resolve('rules'), scheduler: false, queueReaders: 0, figureReaders: 0, figureMaxStaleSeconds: 0, ...overrides } });
  const log = createLogger(process.env.LOG_LEVEL ?? 'silent');
  const db = openDatabase(databaseFile(config));
  return {
    config,
    db,
    log,
    dir,
    cleanup() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
