import type { Command } from 'commander';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { loadConfig, databaseFile } from '../../config/load.js';
import { loadEngine } from '../../engine/engine.js';
import { readLabelledFile } from '../../model/data/labelled-file.js';
import { loadTicketCategoryMap } from '../../model/data/ticket-category-map.js';
import { ticketExamples, type TicketExamples } from '../../model/data/ticket-examples.js';
import { ticketsForTraining } from '../../storage/ticket-training.js';
import { decisionPosts } from '../../model/decisions.js';
import { ModelHolder } from '../../model/model-holder.js';
import { ModelStore } from '../../model/model-store.js';
import { formatGainedLost, formatGate, formatSets } from '../../model/report-format.js';
import { readMetricsFile, runTraining, shippedMetricsFile, type ModelMetrics } from '../../model/training-run.js';
import { DEFAULT_WEIGHTS } from '../../model/training-set.js';
import { DEFAULT_FEATURE_SPEC } from '../../model/features.js';
import { openDatabase } from '../../storage/database.js';
import { ValidationError } from '../../errors.js';
import { intOption } from '../int-option.js';

/** The deployment's imported tickets as examples (`--tickets`); the map's errors name its file and field. */
function hotlineTickets(rulesDir: string, dbFile: string): TicketExamples {
  if (!existsSync(dbFile)) throw new ValidationError(`no database at ${dbFile}: import tickets first (civic-radar tickets import)`, '--tickets');
  const db = openDatabase(dbFile);
  try {
    return ticketExamples(loadTicketCategoryMap(rulesDir), ticketsForTraining(db));
  } finally {
    db.close();
  }
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train a candidate model from the labelled corpus, the shared real text and verifier decisions; evaluate it beside the rules and the active model; save it as a version (never activates)')
    .option('--blind <file...>', 'labelled sets to score but never train on')
    .option('--no-real-text', 'do not train on the shared real text (REAL_TEXT_DIR); its held-out part is still scored when present')
    .option('--no-decisions', "skip this deployment's verifier decisions")
    .option('--tickets', 'also train on imported 12345 hotline tickets: their category through rules/ticket-training/category-map.yaml, else their department\'s family; the rest skipped and counted')
    .option('--weibo <n>', 'everyday Weibo posts (training part) taken as negatives', intOption(0), 20000)
    .option('--epochs <n>', 'passes over the data', intOption(1))
    .option('--seed <n>', 'random seed (same data + seed → same model)', intOption(0))
    .option('--rule-features', "also feed the rules' findings to the model as features (measured: less recall; see the README)")
    .option('--out <file>', 'also write the model file here, with <file>.metrics.json (rebuild the shipped default: --out rules/model/default.crm)')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nThen: `civic-radar model list`, `civic-radar model activate VERSION` (refused if a set loses more than MODEL_TOLERANCE).')
    .action(async (opts: { blind?: string[]; realText: boolean; decisions: boolean; tickets?: boolean; weibo: number; epochs?: number; seed?: number; ruleFeatures?: boolean; out?: string; json?: boolean }, cmd: Command) => {
      const config = loadConfig({ file: cmd.optsWithGlobals<{ config?: string }>().config });
      const engine = loadEngine(config.rulesDir, { city: config.city });
      const extra = (opts.blind ?? []).map((file) => {
        if (!existsSync(file)) throw new ValidationError(`file not found: ${file}; pass labelled JSON Lines`, '--blind');
        const { posts, issues } = readLabelledFile(file);
        for (const i of issues) process.stderr.write(`train: ${i.file} line ${i.line}: ${i.message} (skipped)\n`);
        return { set: path.basename(file, '.jsonl'), posts };
      });
      const dbFile = databaseFile(config);
      const decisions = opts.decisions && existsSync(dbFile) ? decisionPosts(openDatabase(dbFile)) : [];
      const tickets = opts.tickets ? hotlineTickets(config.rulesDir, dbFile) : undefined;
      const store = new ModelStore(config.dataDir);
      const holder = new ModelHolder(store, config.rulesDir);
      const active = holder.current ?? null;
      const pointer = store.active();
      const activeMetrics = (pointer ? (store.metrics(pointer.version) as ModelMetrics | null) : readMetricsFile(shippedMetricsFile(config.rulesDir))) ?? null;
      let last = 0;
      const run = runTraining({
        engine,
        sources: { labelledDirs: config.trainingDirs, realTextDir: opts.realText && config.realTextDir ? config.realTextDir : null, weiboNegatives: opts.weibo, decisions, tickets, weights: DEFAULT_WEIGHTS },
        train: { ...(opts.epochs ? { epochs: opts.epochs } : {}), ...(opts.seed !== undefined ? { seed: opts.seed } : {}), ...(opts.ruleFeatures ? { spec: { ...DEFAULT_FEATURE_SPEC, ruleFeatures: true } } : {}) },
        extra,
        evalRealTextDir: config.realTextDir || null,
        store,
        active,
        activeMetrics,
        tolerance: config.modelTolerance,
        out: opts.out,
        onProgress: (p) => {
          const now = Date.now();
          if (now - last < 2000 && p.done !== p.total) return;
          last = now;
          process.stderr.write(`train: ${p.stage} ${Math.round((p.done / p.total) * 100)}%\n`);
        },
      });
      for (const i of run.training.issues) process.stderr.write(`train: ${i.file} line ${i.line}: ${i.message} (skipped)\n`);
      for (const n of run.training.notes) process.stderr.write(`train: ${n}\n`);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ version: run.version, bytes: run.bytes, metrics: run.metrics, gate: run.gate, gainedLost: run.gainedLost, sources: run.training.manifest, issues: run.training.issues, ...(tickets ? { tickets: { labelled: tickets.labelled.length, families: tickets.families.length, skipped: tickets.skipped, unknownNames: tickets.unknownNames } } : {}) }, null, 2)}\n`);
        return;
      }
      const lines = [
        `candidate ${run.version} (${(run.bytes / 1024).toFixed(0)} KB, ${run.metrics.examples} examples, ${run.metrics.seconds} s; lead calibration error ${run.metrics.leadCalibrationError})`,
        'sources:',
        ...run.training.manifest.map((m) => `  ${m.source}: ${m.rows} rows × weight ${m.weight}`),
        '',
        formatSets(run.metrics.sets),
        '',
        formatGainedLost(run.gainedLost),
        formatGate(run.gate, config.modelTolerance),
        '',
        run.gate.pass ? `activate it: civic-radar model activate ${run.version}` : 'not activatable as is: see the losses above',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
