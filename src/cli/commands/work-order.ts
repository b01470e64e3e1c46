import type { Command } from 'commander';
import { findOrder } from '../../workorders/transition.js';
import { fullViews } from '../../workorders/work-order-view.js';
import { contextFor } from '../cli-context.js';

export function registerWorkOrder(program: Command): void {
  const cmd = program.command('work-order').description('work orders');
  cmd.command('show <number>').description('print a work order with its posts and history as JSON').action((number: string, _o, c: Command) => {
    const ctx = contextFor(c);
    const order = findOrder(ctx, number);
    process.stdout.write(`${JSON.stringify(fullViews(ctx.db, [order], ctx.config.rulesDir, new Date().toISOString())[0], null, 2)}\n`);
    ctx.db.close();
  });
}
