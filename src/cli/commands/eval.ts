import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { verdictForLine } from '../../engine/classify-stream.js';
import { loadEngine } from '../../engine/engine.js';
import { evaluatePairs, formatReport, labelSchema, type Label } from '../../engine/evaluation.js';
import type { Verdict } from '../../engine/verdict.js';
import { ValidationError } from '../../errors.js';

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('measure the engine on labelled JSON Lines (posts with a "label"): lead precision/recall/F1, category, district, street, urgency')
    .argument('<file>', 'labelled JSON Lines, e.g. ../shared/spec/dev-posts.jsonl')
    .option('--json', 'print the report as JSON')
    .option('--rules <dir>', 'rules directory (default: RULES_DIR)')
    .option('--city <name>', 'jurisdiction city (default: CITY, 深圳)')
    .action(async (file: string, opts: { json?: boolean; rules?: string; city?: string }, cmd: Command) => {
      if (!existsSync(file)) throw new ValidationError(`file not found: ${file}; pass a labelled JSON Lines file`, 'file');
      const config = loadConfig({ file: cmd.optsWithGlobals<{ config?: string }>().config });
      const engine = loadEngine(opts.rules ?? config.rulesDir, { city: opts.city ?? config.city });
      const pairs: { label: Label; verdict: Verdict }[] = [];
      let lineNo = 0;
      for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
        lineNo++;
        if (!line.trim()) continue;
        let label: Label;
        try {
          label = labelSchema.parse(JSON.parse(line).label);
        } catch (err) {
          throw new ValidationError(`${file} line ${lineNo}: needs a valid "label" object (${(err as Error).message.slice(0, 200)})`, 'label');
        }
        pairs.push({ label, verdict: verdictForLine(line, lineNo, engine) });
      }
      const report = evaluatePairs(pairs);
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    });
}
