import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Db } from '../storage/database.js';
import { inTransaction } from '../storage/database.js';
import { apiKeyByHash, apiKeyById, insertApiKey, listApiKeys, revokeApiKey, type ApiKeyRow } from '../storage/api-keys.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';

export const API_SCOPES = ['work_orders:read', 'work_orders:write', 'tickets:push'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

const KEY_PREFIX = 'crk_';

/**
 * Keys are 256 random bits, so a fast hash is enough: SHA-256 cannot be brute-forced over that
 * space, whereas argon2/scrypt exist to slow guessing of low-entropy passwords and would cost
 * tens of milliseconds of CPU on every API request. The hash is also the lookup key (unique index).
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export interface ApiKeyView {
  id: number;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export function apiKeyView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id, name: row.name, prefix: row.prefix, scopes: JSON.parse(row.scopes) as ApiScope[], created_by: row.created_by,
    created_at: row.created_at, revoked_at: row.revoked_at, last_used_at: row.last_used_at,
  };
}

/** Creates a key and returns it in clear: the only time anyone sees it. */
export function createApiKey(db: Db, input: { name: string; scopes: readonly ApiScope[]; actor: Actor }): ApiKeyView & { key: string } {
  const name = input.name.trim();
  if (!name) throw new ValidationError('期望密钥名称，说明哪个系统使用它（如 区网格平台），收到空值', 'name');
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) throw new ValidationError(`期望至少一个权限范围（${API_SCOPES.join('、')}），收到空列表`, 'scopes');
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  const at = new Date().toISOString();
  return inTransaction(db, () => {
    const id = insertApiKey(db, {
      name, prefix: key.slice(0, 12), key_hash: hashApiKey(key), scopes: JSON.stringify(scopes),
      created_by: input.actor.kind === 'system' ? 'system' : `${input.actor.kind}:${input.actor.id}`, created_at: at,
    });
    recordAudit(db, { actor: input.actor, entity: 'api_key', entityId: id, action: 'create', after: { name, scopes } });
    return { ...apiKeyView(apiKeyById(db, id)!), key };
  });
}

export function revokeKey(db: Db, id: number, actor: Actor): ApiKeyView {
  return inTransaction(db, () => {
    const row = apiKeyById(db, id);
    if (!row) throw new NotFoundError(`没有编号为 ${id} 的接口密钥；请刷新列表`);
    if (!revokeApiKey(db, id, new Date().toISOString())) throw new ConflictError(`接口密钥 ${id}（${row.name}）已于 ${row.revoked_at} 吊销，无需再次吊销`);
    recordAudit(db, { actor, entity: 'api_key', entityId: id, action: 'revoke', before: { revoked_at: null } });
    return apiKeyView(apiKeyById(db, id)!);
  });
}

export function allApiKeys(db: Db): ApiKeyView[] {
  return listApiKeys(db).map(apiKeyView);
}

/** The key row for a presented key, or undefined when unknown or revoked. */
export function findActiveKey(db: Db, presented: string): ApiKeyRow | undefined {
  if (!presented.startsWith(KEY_PREFIX) || presented.length > 200) return undefined;
  const row = apiKeyByHash(db, hashApiKey(presented));
  return row && !row.revoked_at ? row : undefined;
}
