import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConflictError, NotFoundError } from '../errors.js';
import { decodeModel } from './model-file.js';
import type { LinearModel } from './linear-model.js';

/**
 * Model versions under DATA_DIR/models: one folder per version (model.crm, metrics.json,
 * manifest.json), and active.json naming the active version and the ones before it (for
 * rollback). Every write is a temporary file renamed into place, so a crash leaves either the
 * old state or the new one; a running server notices active.json change and swaps the model.
 */
export const MODEL_FILE = 'model.crm';
export const SHIPPED_MODEL = 'model/default.crm';

export interface ActivePointer {
  version: string;
  activatedAt: string;
  by: string;
  /** Versions active before this one, newest first. */
  history: string[];
}

export interface VersionInfo {
  version: string;
  createdAt: string;
  bytes: number;
  metrics: unknown;
  manifest: unknown;
}

function writeAtomic(file: string, data: string | Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

const readJson = (file: string): unknown => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

export class ModelStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'models');
  }

  get activeFile(): string {
    return path.join(this.dir, 'active.json');
  }

  /** Saves a candidate (not active); returns its version name. */
  save(model: Buffer, metrics: unknown, manifest: unknown, now = new Date()): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 }); // owner only, like the data folder (train may create DATA_DIR before the first start)
    const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
    const version = `m${stamp}-${createHash('sha256').update(model).digest('hex').slice(0, 8)}`;
    const tmp = path.join(this.dir, `.${version}.tmp`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    writeFileSync(path.join(tmp, MODEL_FILE), model);
    writeFileSync(path.join(tmp, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
    writeFileSync(path.join(tmp, 'manifest.json'), `${JSON.stringify({ createdAt: now.toISOString(), ...(manifest as object) }, null, 2)}\n`);
    const final = path.join(this.dir, version);
    if (existsSync(final)) rmSync(tmp, { recursive: true, force: true });
    else renameSync(tmp, final);
    return version;
  }

  versions(): VersionInfo[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.') && existsSync(path.join(this.dir, d.name, MODEL_FILE)))
      .map((d) => {
        const folder = path.join(this.dir, d.name);
        const manifest = readJson(path.join(folder, 'manifest.json')) as { createdAt?: string } | null;
        return {
          version: d.name,
          createdAt: manifest?.createdAt ?? '',
          bytes: readFileSync(path.join(folder, MODEL_FILE)).length,
          metrics: readJson(path.join(folder, 'metrics.json')),
          manifest,
        };
      })
      .sort((a, b) => a.version.localeCompare(b.version));
  }

  has(version: string): boolean {
    return /^[\w.-]+$/.test(version) && existsSync(path.join(this.dir, version, MODEL_FILE));
  }

  modelPath(version: string): string {
    if (!this.has(version)) throw new NotFoundError(`no model version "${version}" in ${this.dir}; \`civic-radar model list\` shows the versions`);
    return path.join(this.dir, version, MODEL_FILE);
  }

  metrics(version: string): unknown {
    return readJson(path.join(this.dir, version, 'metrics.json'));
  }

  active(): ActivePointer | null {
    return readJson(this.activeFile) as ActivePointer | null;
  }

  /** Loads (and so checks) a version: a corrupt file throws ModelFileError and nothing changes. */
  load(version: string): LinearModel {
    const file = this.modelPath(version);
    return decodeModel(readFileSync(file), file);
  }

  activate(version: string, by: string, now = new Date()): ActivePointer {
    this.load(version);
    const current = this.active();
    if (current?.version === version) throw new ConflictError(`model ${version} is already active`);
    const history = current ? [current.version, ...current.history.filter((v) => v !== current.version)].slice(0, 20) : [];
    const pointer: ActivePointer = { version, activatedAt: now.toISOString(), by, history };
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeAtomic(this.activeFile, `${JSON.stringify(pointer, null, 2)}\n`);
    return pointer;
  }

  /** Back to the version active before this one; with none, back to the shipped default model. */
  rollback(by: string, now = new Date()): ActivePointer | null {
    const current = this.active();
    if (!current) throw new ConflictError('no model was activated here; the shipped default model is serving already');
    const [previous, ...rest] = current.history.filter((v) => this.has(v));
    if (!previous) {
      rmSync(this.activeFile, { force: true });
      return null;
    }
    const pointer: ActivePointer = { version: previous, activatedAt: now.toISOString(), by, history: rest };
    writeAtomic(this.activeFile, `${JSON.stringify(pointer, null, 2)}\n`);
    return pointer;
  }
}
