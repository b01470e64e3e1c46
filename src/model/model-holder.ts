import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ActiveModel } from '../engine/judge.js';
import type { Logger } from '../log.js';
import { decodeModel } from './model-file.js';
import { ModelStore, SHIPPED_MODEL } from './model-store.js';

/**
 * The model the engine judges with, swappable while running. The active version in
 * DATA_DIR/models wins; without one, the model shipped in rules/model/. A change of active.json
 * is picked up on the next batch; a version that does not load (corrupt, foreign) is refused with
 * a logged reason and the model already serving stays.
 */
export class ModelHolder {
  private model: ActiveModel | undefined;
  private seen = '';

  constructor(
    private readonly store: ModelStore,
    private readonly rulesDir: string,
    private readonly log?: Logger,
  ) {
    this.reloadIfChanged();
  }

  get current(): ActiveModel | undefined {
    return this.model;
  }

  private stamp(): string {
    const file = this.store.activeFile;
    return existsSync(file) ? `${statSync(file).mtimeMs}:${readFileSync(file, 'utf8')}` : 'shipped';
  }

  /** A stat and a small read per call: cheap enough for every pipeline batch. */
  reloadIfChanged(): void {
    const stamp = this.stamp();
    if (stamp === this.seen) return;
    this.seen = stamp;
    try {
      const next = this.loadNow();
      if (next) this.log?.info({ version: next.version, rows: next.model.buckets.length }, 'model loaded');
      else this.log?.warn({ rulesDir: this.rulesDir }, 'no model: judging with the rules alone; run `civic-radar train` to build one');
      this.model = next;
    } catch (err) {
      this.log?.error({ err: (err as Error).message, serving: this.model?.version ?? null }, 'model not loaded; the model already serving stays');
    }
  }

  private loadNow(): ActiveModel | undefined {
    const pointer = this.store.active();
    if (pointer) return { version: pointer.version, model: this.store.load(pointer.version) };
    return loadShippedModel(this.rulesDir);
  }
}

/** The default model that ships with the project (rules/model/default.crm), named by its hash. */
export function loadShippedModel(rulesDir: string): ActiveModel | undefined {
  const file = path.join(rulesDir, SHIPPED_MODEL);
  if (!existsSync(file)) return undefined;
  const buf = readFileSync(file);
  return { version: `default-${createHash('sha256').update(buf).digest('hex').slice(0, 8)}`, model: decodeModel(buf, file) };
}
