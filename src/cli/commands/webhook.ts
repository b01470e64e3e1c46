import type { Command } from 'commander';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../downstream/webhook-events.js';
import { allowOrigin, createSubscription, disallowOrigin, removeSubscription, subscriptionView } from '../../downstream/webhooks.js';
import { ValidationError } from '../../errors.js';
import { listAllowedOrigins, listDeliveries, listSubscriptions } from '../../storage/webhooks.js';
import { contextFor } from '../cli-context.js';
import { cliActor } from './apikey.js';

export function registerWebhook(program: Command): void {
  const cmd = program.command('webhook').description('webhook allow-list, subscriptions and the delivery log');
  cmd
    .command('allow <origin>')
    .description('allow deliveries to an origin (https://host[:port])')
    .option('--note <text>')
    .option('--private-reason <text>', 'required for a private, loopback, link-local or metadata address: why it may receive webhooks (audited)')
    .action(async (origin: string, o: { note?: string; privateReason?: string }, c: Command) => {
      const ctx = contextFor(c);
      try {
        process.stdout.write(`allowed ${await allowOrigin(ctx.db, { origin, note: o.note ?? null, privateReason: o.privateReason }, cliActor())}\n`);
      } finally {
        ctx.db.close();
      }
    });
  cmd.command('disallow <origin>').description('remove an origin; pending deliveries to it fail').action((origin: string, _o, c: Command) => {
    const ctx = contextFor(c);
    disallowOrigin(ctx.db, origin, cliActor());
    process.stdout.write(`removed ${origin}\n`);
    ctx.db.close();
  });
  cmd.command('allowlist').description('list allowed origins').action((_o, c: Command) => {
    const ctx = contextFor(c);
    for (const a of listAllowedOrigins(ctx.db)) process.stdout.write(`${a.origin}\t${a.note ?? ''}${a.private_reason ? `\tprivate: ${a.private_reason}` : ''}\n`);
    ctx.db.close();
  });
  cmd
    .command('subscribe <apiKeyId> <url>')
    .description('subscribe a key to events at a URL; prints the signing secret once')
    .option('-e, --event <type...>', `event types: ${WEBHOOK_EVENT_TYPES.join(', ')}`, [...WEBHOOK_EVENT_TYPES])
    .action(async (apiKeyId: string, url: string, o: { event: string[] }, c: Command) => {
      const bad = o.event.filter((e) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e));
      if (bad.length) throw new ValidationError(`unknown event type ${bad.join(', ')}`, 'event');
      const ctx = contextFor(c);
      try {
        const sub = await createSubscription(ctx.db, { apiKeyId: Number(apiKeyId), url, eventTypes: o.event as WebhookEventType[], actor: cliActor() });
        process.stdout.write(`${sub.secret}\n`);
        process.stderr.write(`subscription ${sub.id} → ${sub.url} (${sub.event_types.join(', ')}); the secret above is shown once\n`);
      } finally {
        ctx.db.close();
      }
    });
  cmd.command('unsubscribe <id>').description('deactivate a subscription').action((id: string, _o, c: Command) => {
    const ctx = contextFor(c);
    removeSubscription(ctx.db, Number(id), cliActor());
    process.stdout.write(`subscription ${id} deactivated\n`);
    ctx.db.close();
  });
  cmd.command('list').description('list subscriptions').action((_o, c: Command) => {
    const ctx = contextFor(c);
    for (const s of listSubscriptions(ctx.db).map(subscriptionView)) process.stdout.write(`${s.id}\tkey ${s.api_key_id}\t${s.active ? 'active' : 'inactive'}\t${s.url}\t${s.event_types.join(',')}\n`);
    ctx.db.close();
  });
  cmd
    .command('deliveries')
    .description('the delivery log, newest first')
    .option('--status <status>', 'pending | delivered | failed')
    .option('--limit <n>', 'how many', '50')
    .action((o: { status?: string; limit: string }, c: Command) => {
      const ctx = contextFor(c);
      for (const d of listDeliveries(ctx.db, { status: o.status, limit: Number(o.limit) }))
        process.stdout.write(`${d.id}\t${d.status}\t${d.event_type}\tattempts ${d.attempts}\t${d.last_error ?? ''}\t${d.created_at}\n`);
      ctx.db.close();
    });
}
