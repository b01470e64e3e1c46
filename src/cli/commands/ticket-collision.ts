import type { Command } from 'commander';
import { collisionPolicy } from '../../collision/collision-policy.js';
import { collidePass } from '../../collision/collide.js';
import { nowIso } from '../../storage/database.js';
import { contextFor } from '../cli-context.js';

/** `tickets collide [--all]`: link hotline tickets to the leads about the same problem; added to the `tickets` command. */
export function registerTicketCollision(program: Command): void {
  const tickets = program.commands.find((c) => c.name() === 'tickets') ?? program.command('tickets').description('12345 hotline tickets');

  tickets
    .command('collide')
    .description('link tickets the engine has read to the lead about the same problem (已诉 / 未诉): new or re-read tickets, or --all')
    .option('--all', 'every ticket without a link again, and every link\'s 热线在先/在后 recomputed (after changing COLLISION_* or many edits)')
    .addHelpText('after', '\nIdempotent: a link is made once per (lead, ticket), a ticket has one live link, and a link a person undid is never made again.')
    .action((opts: { all?: boolean }, cmd: Command) => {
      const ctx = contextFor(cmd);
      try {
        const started = Date.now();
        const sum = collidePass(ctx.db, collisionPolicy(ctx.config), nowIso(), {
          all: opts.all ?? false,
          onBatch: (s) => process.stderr.write(`tickets: collide: ${s.tickets} tickets, ${s.linked} linked\n`),
        });
        process.stderr.write(`tickets: matched ${sum.tickets} tickets in ${((Date.now() - started) / 1000).toFixed(1)} s: ${sum.linked} linked, ${sum.relationsChanged} relations changed\n`);
        process.stdout.write(`${JSON.stringify(sum)}\n`);
      } finally {
        ctx.db.close();
      }
    });
}
