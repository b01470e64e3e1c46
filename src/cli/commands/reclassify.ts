import type { Command } from 'commander';
import { loadEngine } from '../../engine/engine.js';
import { clusterPolicy, judgeContext } from '../../leads/lead-step.js';
import { reclassify } from '../../leads/reclassify.js';
import { contextFor } from '../cli-context.js';
import { domainRulesFor } from '../../public-interest/domain-rules.js';
import { retagLeads } from '../../public-interest/retag.js';

export function registerReclassify(program: Command): void {
  program
    .command('reclassify')
    .description('re-run the rules and the active model over every stored post after a rule or model change: files new leads, refreshes unreviewed ones')
    .addHelpText(
      'after',
      '\nNever duplicates leads and never overwrites a reviewer: leads not in status "new" and fields a reviewer\n' +
        'edited stay as they are. Progress goes to stderr; safe to interrupt and run again.',
    )
    .action((_opts, cmd: Command) => {
      const ctx = contextFor(cmd);
      try {
        const engine = loadEngine(ctx.config.rulesDir, { city: ctx.config.city });
        const jc = judgeContext(ctx);
        const stats = reclassify(ctx.db, engine, (s) => {
          const pct = s.total ? Math.floor((s.done / s.total) * 100) : 100;
          process.stderr.write(`reclassify: ${s.done}/${s.total} posts (${pct}%), created ${s.created}, joined ${s.joined}, updated ${s.updated}\n`);
        }, 500, clusterPolicy(ctx), jc.models?.current, jc.isLocal);
        const publicInterest = retagLeads(ctx.db, domainRulesFor(ctx.config.rulesDir));
        process.stdout.write(`${JSON.stringify({ ...stats, publicInterest })}\n`);
        if (stats.errors > 0) process.stderr.write(`reclassify: ${stats.errors} posts failed; see the log and run again after fixing\n`);
      } finally {
        ctx.db.close();
      }
    });
}
