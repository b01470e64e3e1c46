import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SYSTEM } from '../audit/actor.js';
import { addUser, setPassword } from '../auth/user-accounts.js';
import type { Db } from '../storage/database.js';
import { findUserByName } from '../storage/users.js';

/**
 * A data folder `civic-radar demo` filled. The server reads the marker: a demo store never runs the
 * production crawlers (they would mix real posts into demo data and, with no internet, only fail).
 */
const MARKER = 'demo-store.json';
export const DEMO_USER = 'demo';

export function markDemoStore(dataDir: string, siteUrl: string, now = new Date()): void {
  writeFileSync(path.join(dataDir, MARKER), `${JSON.stringify({ createdBy: 'civic-radar demo', at: now.toISOString(), site: siteUrl })}\n`, { mode: 0o600 });
}

export function isDemoStore(dataDir: string): boolean {
  return existsSync(path.join(dataDir, MARKER));
}

/** Where `demo` puts its store by default: apart from real data, under the data folder. */
export function defaultDemoDir(dataDir: string): string {
  return path.join(dataDir, 'demo');
}

/** A verifier account to browse the demo with; a fresh password each run (printed once). */
export async function demoAccount(db: Db): Promise<{ name: string; password: string }> {
  const password = `radar-${randomBytes(9).toString('base64url')}`; // not "demo-…": a password may not contain the user name
  if (findUserByName(db, DEMO_USER)) await setPassword(db, DEMO_USER, password, SYSTEM);
  else await addUser(db, { name: DEMO_USER, role: 'verifier', password, displayName: '演示核实员' }, SYSTEM);
  return { name: DEMO_USER, password };
}

/** The exact command that serves a demo store (the scheduler off, though the marker would see to it). */
export function browseCommand(dataDir: string): string {
  return `DATA_DIR='${dataDir.replace(/'/g, `'\\''`)}' SCHEDULER=false npm start`;
}
