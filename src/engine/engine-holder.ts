import { statSync } from 'node:fs';
import type { Logger } from '../log.js';
import { loadEngine, type Engine, type LoadEngineOptions } from './engine.js';

/**
 * The running engine, swappable after a rule change. A reload that fails (bad pack, bad gazetteer)
 * keeps the engine that is running and reports why, so a typo never stops classification.
 */
export class EngineHolder {
  private engine: Engine;
  /** Newest rule-file mtime already tried (loaded or failed), so a bad file is not retried every batch. */
  private seenMtime = 0;

  constructor(
    private readonly rulesDir: string,
    private readonly options: LoadEngineOptions,
    private readonly log?: Logger,
  ) {
    this.engine = loadEngine(rulesDir, options);
    this.seenMtime = this.newestMtime();
  }

  private newestMtime(): number {
    let newest = 0;
    for (const f of this.engine.files) {
      try {
        newest = Math.max(newest, statSync(f).mtimeMs);
      } catch {
        newest = Number.MAX_SAFE_INTEGER; // a deleted file is a change too
      }
    }
    return newest;
  }

  /** Reloads when a rule file changed since the last attempt (a few stat calls; call it per batch). */
  reloadIfChanged(): void {
    const newest = this.newestMtime();
    if (newest <= this.seenMtime) return;
    this.seenMtime = newest;
    this.reload();
  }

  get current(): Engine {
    return this.engine;
  }

  reload(): { ok: true; loadedAt: string } | { ok: false; error: string } {
    try {
      this.engine = loadEngine(this.rulesDir, this.options);
      this.log?.info({ rulesDir: this.rulesDir, files: this.engine.files.length }, 'rules reloaded');
      return { ok: true, loadedAt: this.engine.loadedAt };
    } catch (err) {
      const error = (err as Error).message;
      this.log?.error({ err: error }, 'rules reload failed; keeping the running rules');
      return { ok: false, error };
    }
  }
}
