import type { Logger } from '../log.js';
import { loadEngine, type Engine, type LoadEngineOptions } from './engine.js';

/**
 * The running engine, swappable after a rule change. A reload that fails (bad pack, bad gazetteer)
 * keeps the engine that is running and reports why, so a typo never stops classification.
 */
export class EngineHolder {
  private engine: Engine;

  constructor(
    private readonly rulesDir: string,
    private readonly options: LoadEngineOptions,
    private readonly log?: Logger,
  ) {
    this.engine = loadEngine(rulesDir, options);
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
