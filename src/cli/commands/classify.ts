import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { classifyPooled, defaultWorkers } from '../../engine/classify-pool/pooled-stream.js';
import { loadEngine } from '../../engine/engine.js';
import { intOption } from '../int-option.js';
import { MODEL_OPTION_HELP, modelFromOption } from '../model-option.js';

export function registerClassify(program: Command): void {
  program
    .command('classify')
    .description('classify JSON Lines posts from stdin ({"id","text",...} per line): one verdict per line on stdout, in input order')
    .option('--rules <dir>', 'rules directory (default: RULES_DIR)')
    .option('--city <name>', 'jurisdiction city (default: CITY, 深圳)')
    .option('--model <model>', MODEL_OPTION_HELP)
    .option('--workers <n>', 'worker threads (default: the cores, at most 4; 1 = this thread only)', intOption(1))
    .addHelpText(
      'after',
      '\nA bad line gets a verdict with an "error" field and the run continues. Streams with bounded memory, in input\norder, on every core (inputs of fewer than 1,000 lines stay on one thread).\n' +
        'Example: npm run --silent cli -- classify < posts.jsonl > verdicts.jsonl',
    )
    .action(async (opts: { rules?: string; city?: string; model?: string; workers?: number }, cmd: Command) => {
      const config = loadConfig({ file: cmd.optsWithGlobals<{ config?: string }>().config });
      const engine = loadEngine(opts.rules ?? config.rulesDir, { city: opts.city ?? config.city });
      const model = modelFromOption(opts.model, config);
      const rulesDir = path.resolve(opts.rules ?? config.rulesDir);
      const options = { engine, model, rulesDir, city: opts.city ?? config.city, workers: opts.workers ?? defaultWorkers() };
      const stats = await classifyPooled(process.stdin, process.stdout, options, (s) =>
        process.stderr.write(`classify: ${s.lines} lines, ${s.leads} leads, ${s.errors} errors\n`),
      );
      if (stats.errors > 0) process.stderr.write(`classify: ${stats.errors} of ${stats.lines} lines had errors (see "error" in their verdicts)\n`);
    });
}
