import { createHmac, randomBytes } from 'node:crypto';
import type { Actor } from '../audit/actor.js';
import { actorRef } from '../audit/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Db } from '../storage/database.js';
import { inTransaction } from '../storage/database.js';
import { apiKeyById } from '../storage/api-keys.js';
import {
  addAllowedOrigin, allowedOrigin, deactivateSubscription, getSubscription, insertSubscription, removeAllowedOrigin, type SubscriptionRow,
} from '../storage/webhooks.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { refusePrivateDestination, type Resolve } from './destination-check.js';
import type { WebhookEventType } from './webhook-events.js';

export const SIGNATURE_HEADER = 'X-CivicRadar-Signature';

/**
 * Signature = HMAC-SHA256(secret, `${t}.${body}`), sent as `t=<unix seconds>,v1=<hex>`. Receivers
 * recompute it over the raw body and refuse old timestamps (replay), as Stripe's scheme does;
 * examples/webhook-receiver.ts is the reference receiver (verifySignature lives there).
 */
export function signPayload(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** scheme://host[:port] of a destination; only http(s), no credentials in the URL. */
export function originOf(raw: string, field = 'url'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ValidationError(`期望以 http:// 或 https:// 开头的完整网址，收到 ${JSON.stringify(raw.slice(0, 80))}`, field);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ValidationError(`期望 http 或 https 网址，收到 ${url.protocol} 网址`, field);
  if (url.username || url.password) throw new ValidationError('期望不含用户名和密码的网址，收到含登录信息的网址；推送由签名认证，无需在网址中写密码', field);
  return url.origin;
}

/**
 * Adds an origin to the allow-list. A private, loopback, link-local or metadata destination (by
 * address or by what its name resolves to) needs `privateReason`, kept with the entry and audited.
 */
export async function allowOrigin(db: Db, input: { origin: string; note: string | null; privateReason?: string | null }, actor: Actor, resolve?: Resolve): Promise<string> {
  const origin = originOf(input.origin, 'origin');
  const privateReason = input.privateReason?.trim() || null;
  if (!privateReason) await refusePrivateDestination(origin, resolve);
  inTransaction(db, () => {
    addAllowedOrigin(db, { origin, note: input.note, private_reason: privateReason, created_by: actorRef(actor), at: new Date().toISOString() });
    recordAudit(db, { actor, entity: 'webhook_allowlist', entityId: origin, action: 'allow', after: { origin, note: input.note, private_reason: privateReason } });
  });
  return origin;
}

export function disallowOrigin(db: Db, raw: string, actor: Actor): void {
  const origin = originOf(raw, 'origin');
  inTransaction(db, () => {
    if (!removeAllowedOrigin(db, origin)) throw new NotFoundError(`${origin} 不在推送地址白名单中；请刷新列表`);
    recordAudit(db, { actor, entity: 'webhook_allowlist', entityId: origin, action: 'disallow', before: { origin } });
  });
}

export function subscriptionView(s: SubscriptionRow) {
  return { id: s.id, api_key_id: s.api_key_id, url: s.url, event_types: JSON.parse(s.event_types) as string[], active: s.active === 1, created_by: s.created_by, created_at: s.created_at };
}

const notAllowed = (origin: string) =>
  new ForbiddenError(`推送地址 ${origin} 不在白名单中：期望白名单内的地址；管理员可在“事件推送”页加入白名单（或命令行 webhook allow ${origin}）`);

/**
 * Creates a subscription for a key; the destination's origin must be on the admin allow-list, and
 * resolve to public addresses unless the entry has a reason for a private one. The secret is returned once.
 */
export async function createSubscription(db: Db, input: { apiKeyId: number; url: string; eventTypes: readonly WebhookEventType[]; actor: Actor }, resolve?: Resolve) {
  const origin = originOf(input.url);
  const entry = allowedOrigin(db, origin);
  if (!entry) throw notAllowed(origin);
  if (entry.private_reason === null) await refusePrivateDestination(origin, resolve);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  return inTransaction(db, () => {
    const key = apiKeyById(db, input.apiKeyId);
    if (!key || key.revoked_at) throw new ValidationError(`期望一个有效的接口密钥，收到编号 ${input.apiKeyId}：该密钥不存在或已吊销`, 'api_key_id');
    if (!allowedOrigin(db, origin)) throw notAllowed(origin); // removed while the name was resolved
    const id = insertSubscription(db, {
      api_key_id: input.apiKeyId, url: input.url, event_types: JSON.stringify([...new Set(input.eventTypes)]), secret,
      created_by: actorRef(input.actor), created_at: new Date().toISOString(),
    });
    recordAudit(db, { actor: input.actor, entity: 'webhook_subscription', entityId: id, action: 'create', after: { url: input.url, event_types: input.eventTypes, api_key_id: input.apiKeyId } });
    return { ...subscriptionView(getSubscription(db, id)!), secret };
  });
}

export function removeSubscription(db: Db, id: number, actor: Actor, apiKeyId?: number): void {
  inTransaction(db, () => {
    const sub = getSubscription(db, id);
    if (!sub || (apiKeyId !== undefined && sub.api_key_id !== apiKeyId)) throw new NotFoundError(`没有编号为 ${id} 的推送订阅；请刷新列表`);
    if (!deactivateSubscription(db, id)) throw new ConflictError(`推送订阅 ${id} 已停用，无需再次停用`);
    recordAudit(db, { actor, entity: 'webhook_subscription', entityId: id, action: 'deactivate', before: { active: true }, after: { active: false } });
  });
}
