import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { importRejects, getImport, listImports } from '../../storage/ticket-imports.js';
import { importTicketFile, type ImportProgress } from '../../tickets/import-file.js';
import { afterTicketsRead } from '../../tickets/after-import.js';
import { markAbandonedImports } from '../../tickets/interrupted-imports.js';
import { defaultWorkers } from '../../engine/classify-pool/pooled-stream.js';
import { rejectsCsv } from '../../tickets/rejects-csv.js';
import { readerFor } from '../../tickets/row-readers.js';
import { screeningFor } from '../../tickets/screening-for.js';
import { loadTicketSource } from '../../tickets/source-loader.js';
import { ValidationError } from '../../errors.js';
import { contextFor } from '../cli-context.js';
import { intOption } from '../int-option.js';

function progressLine(p: ImportProgress): string {
  const rate = p.elapsedMs > 0 ? Math.round((p.read / p.elapsedMs) * 1000) : 0;
  return `tickets: import ${p.importId}: read ${p.read}, inserted ${p.inserted}, updated ${p.updated}, unchanged ${p.unchanged}, rejected ${p.rejected}, screened ${p.screened}, ${rate} rows/s`;
}

export function registerTickets(program: Command): void {
  const tickets = program.command('tickets').description('12345 hotline tickets: import an export file, the import history, an import\'s rejected rows');

  tickets
    .command('import <file>')
    .description('import a hotline export (.csv, .xlsx, .jsonl) mapped by rules/ticket-sources/<KEY>.yaml; each ticket then goes through the engine')
    .requiredOption('--source <key>', 'the source file rules/ticket-sources/<key>.yaml')
    .option('--no-screen', 'store only; the engine reads the tickets on the next import')
    .option('--workers <n>', 'threads reading tickets (default: the cores, at most 4; 1 = this thread)', intOption(1))
    .option('--batch <n>', 'rows per transaction', intOption(1), 1000)
    .option('--progress-every <n>', 'a progress line on stderr every n rows', intOption(1), 10_000)
    .addHelpText(
      'after',
      '\nA bad row goes to the rejected-rows report (`tickets rejects ID`) and the rest imports. Importing the same\n' +
        'export again updates changed tickets (status, reply, …) and never duplicates; an import killed mid-way can\n' +
        'simply be run again. Exits non-zero only when the file as a whole cannot be read.',
    )
    .action(async (file: string, opts: { source: string; screen: boolean; workers?: number; batch: number; progressEvery: number }, cmd: Command) => {
      const ctx = contextFor(cmd);
      try {
        const source = loadTicketSource(ctx.config.rulesDir, opts.source);
        // before the engine loads (seconds): a file type we cannot read, or a mistyped path
        readerFor(file);
        if (!existsSync(file) || !statSync(file).isFile()) throw new ValidationError(`找不到导出文件 ${path.resolve(file)}：请给出 .csv、.xlsx 或 .jsonl 文件的路径`, 'file');
        const engine = opts.screen ? screeningFor(ctx, (opts.workers ?? defaultWorkers()) <= 1 ? 'this-thread' : (opts.workers ?? defaultWorkers())) : undefined;
        let next = opts.progressEvery;
        const result = await importTicketFile({
          db: ctx.db,
          source,
          file: path.resolve(file),
          actor: 'cli',
          batchSize: opts.batch,
          screening: engine?.screening,
          onProgress: (p) => {
            if (p.read < next) return;
            next = (Math.floor(p.read / opts.progressEvery) + 1) * opts.progressEvery;
            process.stderr.write(`${progressLine(p)}\n`);
          },
        }).finally(() => engine?.close());
        process.stderr.write(`${progressLine(result)} (done in ${(result.elapsedMs / 1000).toFixed(1)} s)\n`);
        if (result.rejected > 0) process.stderr.write(`tickets: ${result.rejected} rows rejected; the report: civic-radar tickets rejects ${result.importId} > rejects.csv (or 热线工单导入 in the web console)\n`);
        if (opts.screen) {
          const after = afterTicketsRead(ctx);
          if (after) process.stderr.write(`tickets: ${after.screened} screened through the topics (${after.hits} hits), ${after.linked} linked to leads\n`);
        }
        process.stdout.write(`${JSON.stringify(result)}\n`);
      } finally {
        ctx.db.close();
      }
    });

  tickets
    .command('imports')
    .description('the import history, newest first (one JSON object per line)')
    .option('--limit <n>', 'how many', intOption(1), 50)
    .action((opts: { limit: number }, cmd: Command) => {
      const ctx = contextFor(cmd);
      try {
        markAbandonedImports(ctx.db);
        for (const i of listImports(ctx.db, opts.limit)) process.stdout.write(`${JSON.stringify(i)}\n`);
      } finally {
        ctx.db.close();
      }
    });

  tickets
    .command('rejects <importId>')
    .description('the rejected rows of an import as CSV (row, field, expected, received, message) on stdout')
    .action((id: string, _opts: unknown, cmd: Command) => {
      const ctx = contextFor(cmd);
      try {
        const importId = intOption(1)(id);
        if (!getImport(ctx.db, importId)) {
          process.stderr.write(`tickets: no import ${importId}; see civic-radar tickets imports\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(rejectsCsv(importRejects(ctx.db, importId)));
      } finally {
        ctx.db.close();
      }
    });
}
