import type { Command } from 'commander';
import { contextFor } from '../cli-context.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('create or upgrade the database under DATA_DIR (also done at every start)')
    .action((_opts, cmd: Command) => {
      const ctx = contextFor(cmd);
      const rows = ctx.db.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all();
      process.stdout.write(`database ready, migrations applied: ${rows.join(', ')}\n`);
      ctx.db.close();
    });
}
