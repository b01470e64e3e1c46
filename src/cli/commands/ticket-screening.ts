import type { Command } from 'commander';
import { loadScreeningTopics } from '../../ticket-leads/screening-topics.js';
import { screenTicketTopics } from '../../ticket-leads/topic-screening.js';
import { topicsView } from '../../ticket-leads/topics-view.js';
import { contextFor } from '../cli-context.js';
import { loadConfig } from '../../config/load.js';

/** `tickets screen` and `tickets topics`: 过筛子 over stored tickets; added to the `tickets` command (registered before this). */
export function registerTicketScreening(program: Command): void {
  const tickets = program.commands.find((c) => c.name() === 'tickets') ?? program.command('tickets').description('12345 hotline tickets');

  tickets
    .command('screen')
    .description('screen tickets the engine has read through the 过筛子 topics (rules/screening-topics.yaml) and 引擎线索: new or re-read tickets, or --all after a topic edit')
    .option('--all', 'every screened ticket again (the topics changed); hits still 待核查 that no longer hold are removed, reviewed ones stay')
    .action((opts: { all?: boolean }, cmd: Command) => {
      const ctx = contextFor(cmd);
      try {
        const started = Date.now();
        const sum = screenTicketTopics(ctx, { all: opts.all ?? false });
        process.stderr.write(`tickets: screened ${sum.tickets} tickets in ${((Date.now() - started) / 1000).toFixed(1)} s: ${sum.added} hits added, ${sum.removed} pending hits removed\n`);
        process.stdout.write(`${JSON.stringify(sum)}\n`);
      } finally {
        ctx.db.close();
      }
    });

  tickets
    .command('topics')
    .description('check rules/screening-topics.yaml (errors name the field) and list the topics with their filters and rules as JSON')
    .action((_opts: unknown, cmd: Command) => {
      const config = loadConfig({ file: cmd.optsWithGlobals<{ config?: string }>().config });
      process.stdout.write(`${JSON.stringify(topicsView(loadScreeningTopics(config.rulesDir), config.rulesDir), null, 2)}\n`);
    });
}
