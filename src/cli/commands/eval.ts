import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { loadEngine } from '../../engine/engine.js';
import { evaluatePairs, formatReport } from '../../engine/evaluation.js';
import { judge } from '../../engine/judge.js';
import { readLabelledFile } from '../../model/data/labelled-file.js';
import { evaluateLabelled, evaluateRealText } from '../../model/model-eval.js';
import { formatSets } from '../../model/report-format.js';
import { ValidationError } from '../../errors.js';
import { MODEL_OPTION_HELP, modelFromOption } from '../model-option.js';

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('measure the engine on labelled JSON Lines (posts with a "label"): rules alone, model alone and both side by side, then the combined verdict in detail (precision/recall/F1, category, district, street, urgency)')
    .argument('[file]', 'labelled JSON Lines, e.g. ../shared/spec/dev-posts.jsonl')
    .option('--json', 'print the report of the verdict as JSON (with side_by_side when a model judges)')
    .option('--rules <dir>', 'rules directory (default: RULES_DIR)')
    .option('--city <name>', 'jurisdiction city (default: CITY, 深圳)')
    .option('--model <model>', MODEL_OPTION_HELP)
    .option('--real-text', 'also measure on the held-out part of the shared real text (REAL_TEXT_DIR)')
    .action(async (file: string | undefined, opts: { json?: boolean; rules?: string; city?: string; model?: string; realText?: boolean }, cmd: Command) => {
      if (!file && !opts.realText) throw new ValidationError('pass a labelled JSON Lines file, or --real-text', 'file');
      if (file && !existsSync(file)) throw new ValidationError(`file not found: ${file}; pass a labelled JSON Lines file`, 'file');
      const config = loadConfig({ file: cmd.optsWithGlobals<{ config?: string }>().config });
      const engine = loadEngine(opts.rules ?? config.rulesDir, { city: opts.city ?? config.city });
      const model = modelFromOption(opts.model, config);
      const out: string[] = [];
      let json: Record<string, unknown> = {};
      if (file) {
        const { posts, issues } = readLabelledFile(file);
        if (issues.length) throw new ValidationError(`${issues[0]!.file} line ${issues[0]!.line}: ${issues[0]!.message}${issues.length > 1 ? ` (and ${issues.length - 1} more lines)` : ''}`, 'label');
        const report = evaluatePairs(posts.map((p) => ({ label: p.label, verdict: judge({ id: p.id, text: p.text, title: p.title, ip_location: p.ip_location }, engine, model) })));
        json = { ...report };
        if (model) {
          const side = evaluateLabelled(path.basename(file, '.jsonl'), posts, engine, model).report;
          json.side_by_side = side;
          json.model = model.version;
          out.push(`model ${model.version}`, formatSets([side]), '', 'the combined verdict in detail:');
        }
        out.push(formatReport(report));
      }
      if (opts.realText) {
        if (!model) throw new ValidationError('--real-text compares rules, model and both: it needs a model (not --model none)', '--model');
        const real = evaluateRealText(config.realTextDir, engine, model).reports;
        if (!real.length) throw new ValidationError(`real text not found in ${config.realTextDir}; set REAL_TEXT_DIR`, '--real-text');
        json.real_text = real;
        out.push('', 'held-out real text:', formatSets(real));
      }
      process.stdout.write(opts.json ? `${JSON.stringify(json, null, 2)}\n` : `${out.join('\n')}\n`);
    });
}
