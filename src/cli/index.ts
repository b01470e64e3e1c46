import { Command, CommanderError } from 'commander';
import { CivicRadarError } from '../errors.js';
import { commands } from './commands/index.js';

const program = new Command('civic-radar')
  .description('Civic Radar: 未诉先办 — find civic issues in public posts and turn them into work orders')
  .option('-c, --config <file>', 'configuration file (JSON or YAML); environment variables override it')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  const message = err instanceof CivicRadarError ? err.message : ((err as Error).stack ?? String(err));
  process.stderr.write(`civic-radar: ${message}\n`);
  process.exit(1);
}
