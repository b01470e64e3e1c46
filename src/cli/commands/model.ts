import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { gate } from '../../model/gate.js';
import { loadShippedModel } from '../../model/model-holder.js';
import { ModelStore } from '../../model/model-store.js';
import { formatGate } from '../../model/report-format.js';
import { readMetricsFile, shippedMetricsFile, type ModelMetrics } from '../../model/training-run.js';
import { ConflictError } from '../../errors.js';
import { userInfo } from 'node:os';

function headline(m: ModelMetrics | null): string {
  if (!m) return '';
  const parts: string[] = [];
  for (const s of m.sets) {
    if (!s.set.includes('held out')) continue; // the first-pass figures; out-of-fold ones are in metrics.json
    if (s.kind === 'board') parts.push(`held-out board flagged/family ${((s.combined.flagged ?? 0) * 100).toFixed(0)}%/${((s.combined.familyRight ?? 0) * 100).toFixed(0)}%`);
    else if (s.kind === 'weibo') parts.push(`held-out Weibo flagged ${((s.combined.flagged ?? 0) * 100).toFixed(2)}%`);
  }
  return parts.join('  ');
}

export function registerModel(program: Command): void {
  const model = program.command('model').description('model versions under DATA_DIR/models: list, activate (gated), rollback');
  const setup = (cmd: Command) => {
    const config = loadConfig({ file: cmd.optsWithGlobals<{ config?: string }>().config });
    return { config, store: new ModelStore(config.dataDir) };
  };

  model
    .command('list')
    .description('versions with size, when trained and headline figures; * marks the active one')
    .action((_o: unknown, cmd: Command) => {
      const { config, store } = setup(cmd);
      const pointer = store.active();
      const shipped = loadShippedModel(config.rulesDir);
      const lines = [`${pointer ? ' ' : '*'} ${shipped ? shipped.version : '(no shipped model)'}  shipped with the project (rules/model/default.crm)  ${headline(readMetricsFile(shippedMetricsFile(config.rulesDir)))}`];
      for (const v of store.versions()) {
        lines.push(`${pointer?.version === v.version ? '*' : ' '} ${v.version}  ${(v.bytes / 1024).toFixed(0)} KB  ${v.createdAt}  ${headline(v.metrics as ModelMetrics | null)}`);
      }
      if (pointer) lines.push('', `active since ${pointer.activatedAt} (by ${pointer.by}); before it: ${pointer.history.join(', ') || 'the shipped model'}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  model
    .command('activate')
    .description('make a version the one that serves; refused when any set loses more than MODEL_TOLERANCE against the active model')
    .argument('<version>', 'a version from `model list`')
    .action((version: string, _o: unknown, cmd: Command) => {
      const { config, store } = setup(cmd);
      const pointer = store.active();
      const before = pointer ? (store.metrics(pointer.version) as ModelMetrics | null) : readMetricsFile(shippedMetricsFile(config.rulesDir));
      const candidate = store.metrics(version) as ModelMetrics | null;
      store.modelPath(version); // a missing version says so before the gate does
      const g = gate(candidate?.sets ?? [], before?.sets ?? null, config.modelTolerance);
      if (!g.pass) throw new ConflictError(`${formatGate({ ...g, against: pointer?.version ?? 'the shipped model' }, config.modelTolerance)}\nretrain, or raise MODEL_TOLERANCE if the loss is intended`);
      const next = store.activate(version, userInfo().username);
      process.stdout.write(`model ${next.version} is active; a running server switches to it on its next batch (no restart)\n`);
    });

  model
    .command('rollback')
    .description('back to the version active before (or to the shipped model)')
    .action((_o: unknown, cmd: Command) => {
      const { store } = setup(cmd);
      const next = store.rollback(userInfo().username);
      process.stdout.write(next ? `model ${next.version} is active again\n` : 'the shipped model serves again\n');
    });
}
