import { loadConfig, databaseFile, type LoadConfigOptions } from './config/load.js';
import { markAbandonedRuns } from './crawl/interrupted-runs.js';
import type { Config } from './config/schema.js';
import { createLogger, type Logger } from './log.js';
import { openDatabase, type Db } from './storage/database.js';

/** What every service and command works with: validated configuration, the store, a logger. */
export interface AppContext {
  config: Config;
  db: Db;
  log: Logger;
}

export function createContext(options: LoadConfigOptions = {}): AppContext {
  const config = loadConfig(options);
  const log = createLogger(config.logLevel);
  const db = openDatabase(databaseFile(config));
  markAbandonedRuns({ db, log });
  return { config, db, log };
}

/** A long-running part of the main job (web server, scheduler, pipeline worker, webhook dispatcher). */
export interface Service {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}
