import { rmSync } from 'node:fs';
import type { AppContext } from '../context.js';
import { afterTicketsRead } from './after-import.js';
import { importTicketFile } from './import-file.js';
import { screeningFor } from './screening-for.js';
import type { TicketSource } from './source-mapping.js';

/**
 * An uploaded export imported in the background of the web process: answers with the import's id
 * as soon as it exists (the page follows its counts in ticket_imports); the engine reads the
 * tickets on one worker thread, so requests keep being served; then topics and collision take the
 * new readings at once (`afterTicketsRead`). The uploaded file is removed at
 * the end. A failure is recorded on the import (status failed, error) and logged.
 */
export function startWebImport(ctx: AppContext, o: { source: TicketSource; file: string; fileName: string; actor: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    let engine: ReturnType<typeof screeningFor> | undefined;
    let started = false;
    const run = async () => {
      engine = screeningFor(ctx, 1);
      return importTicketFile({
        db: ctx.db, source: o.source, file: o.file, fileName: o.fileName, actor: o.actor, screening: engine.screening,
        onStart: (id) => {
          started = true;
          resolve(id);
        },
      });
    };
    run()
      .then((r) => ctx.log.info({ ...r, ...afterTicketsRead(ctx) }, 'ticket import done'))
      .catch((err: Error) => {
        if (!started) reject(err);
        else ctx.log.error({ err: err.message, file: o.fileName }, 'ticket import failed');
      })
      .finally(() => {
        rmSync(o.file, { force: true });
        void engine?.close();
      });
  });
}
