import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { writeExport, type ExportFormat, type ExportKind } from '../../downstream/exports.js';
import { checkRange, exportQuery } from '../../downstream/export-routes.js';
import { ValidationError } from '../../errors.js';
import { parseInput } from '../../web/http-errors.js';
import { contextFor } from '../cli-context.js';

export function registerExport(program: Command): void {
  program
    .command('export <kind>')
    .description('export work-orders or leads for a time range as CSV (Excel-ready) or GeoJSON')
    .requiredOption('--from <time>', 'start, ISO 8601 with offset (2026-11-01T00:00:00+08:00)')
    .requiredOption('--to <time>', 'end (exclusive)')
    .option('-f, --format <format>', 'csv | geojson', 'csv')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(async (kind: string, o: { from: string; to: string; format: string; out?: string }, c: Command) => {
      if (kind !== 'work-orders' && kind !== 'leads') throw new ValidationError(`expected work-orders or leads, received ${kind}`, 'kind');
      if (o.format !== 'csv' && o.format !== 'geojson') throw new ValidationError(`expected csv or geojson, received ${o.format}`, 'format');
      const range = parseInput(exportQuery, { from: o.from, to: o.to }, 'option');
      checkRange(range);
      const ctx = contextFor(c);
      const out = o.out ? createWriteStream(o.out) : process.stdout;
      const n = writeExport(ctx.db, { kind: kind as ExportKind, format: o.format as ExportFormat, ...range, rulesDir: ctx.config.rulesDir }, (chunk) => out.write(chunk));
      if (o.out) await new Promise((r) => (out as ReturnType<typeof createWriteStream>).end(r));
      process.stderr.write(`${n} ${kind} exported${o.out ? ` to ${o.out}` : ''}\n`);
      ctx.db.close();
    });
}
