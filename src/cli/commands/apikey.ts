import type { Command } from 'commander';
import { SYSTEM, type Actor } from '../../audit/actor.js';
import { API_SCOPES, allApiKeys, createApiKey, revokeKey, type ApiScope } from '../../downstream/api-keys.js';
import { ValidationError } from '../../errors.js';
import { contextFor } from '../cli-context.js';

export function cliActor(): Actor {
  return { ...SYSTEM, name: `cli:${process.env.USER ?? process.env.LOGNAME ?? 'unknown'}` };
}

export function registerApiKey(program: Command): void {
  const cmd = program.command('apikey').description('API keys for downstream systems (pull, report back, Open311, webhooks)');
  cmd
    .command('create <name>')
    .description('create a key; it is printed once, store it in the downstream system now')
    .option('-s, --scope <scope...>', `scopes: ${API_SCOPES.join(', ')}`, ['work_orders:read'])
    .action((name: string, opts: { scope: string[] }, c: Command) => {
      const bad = opts.scope.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
      if (bad.length) throw new ValidationError(`unknown scope ${bad.join(', ')}; expected ${API_SCOPES.join(', ')}`, 'scope');
      const ctx = contextFor(c);
      const key = createApiKey(ctx.db, { name, scopes: opts.scope as ApiScope[], actor: cliActor() });
      process.stdout.write(`${key.key}\n`);
      process.stderr.write(`key ${key.id} "${key.name}" (${key.scopes.join(', ')}) created; this is the only time it is shown\n`);
      ctx.db.close();
    });
  cmd
    .command('list')
    .description('list keys (id, prefix, scopes, last used, revoked)')
    .action((_o, c: Command) => {
      const ctx = contextFor(c);
      for (const k of allApiKeys(ctx.db))
        process.stdout.write(`${k.id}\t${k.prefix}…\t${k.name}\t${k.scopes.join(',')}\tlast used ${k.last_used_at ?? 'never'}${k.revoked_at ? `\tREVOKED ${k.revoked_at}` : ''}\n`);
      ctx.db.close();
    });
  cmd
    .command('revoke <id>')
    .description('revoke a key: requests with it get 401 from now on')
    .action((id: string, _o, c: Command) => {
      const ctx = contextFor(c);
      const k = revokeKey(ctx.db, Number(id), cliActor());
      process.stdout.write(`key ${k.id} "${k.name}" revoked at ${k.revoked_at}\n`);
      ctx.db.close();
    });
}
