import type { Actor } from '../../audit/actor.js';
import { actorRef } from '../../audit/actor.js';
import { recordAudit } from '../../audit/audit-log.js';
import type { AppContext } from '../../context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { inTransaction } from '../../storage/database.js';
import {
  deletePlatformAccount, insertPlatformAccount, markPlatformAccountLoginWall, listPlatformAccounts, platformAccount, platformAccountByLabel, setPlatformAccountEnabled, type PlatformAccountRow,
} from '../../storage/platform-accounts.js';
import { loadDefinitions } from '../loader.js';
import { open, seal, secretsKey } from './secret-box.js';

/** What an account sends with each request of its platform: headers, the cookie as a Cookie header. */
export type AccountSecrets = Record<string, string>;

/** What the console shows of an account: which headers it holds and how long each is, never a character of them. */
export interface AccountView {
  id: number;
  platform: string;
  label: string;
  fields: { name: string; length: number; masked: string }[];
  enabled: boolean;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export function accountView(row: PlatformAccountRow): AccountView {
  const fields = (JSON.parse(row.fields) as { name: string; length: number }[]).map((f) => ({ ...f, masked: '••••••••' }));
  return { id: row.id, platform: row.platform, label: row.label, fields, enabled: row.enabled === 1, created_by: row.created_by, created_at: row.created_at, updated_at: row.updated_at };
}

export function allAccounts(ctx: AppContext): AccountView[] {
  return listPlatformAccounts(ctx.db).map(accountView);
}

function knownPlatform(ctx: AppContext, platform: string): void {
  const loaded = loadDefinitions(ctx.config.crawlersDir);
  const names = [...loaded.definitions.map((d) => d.name), ...loaded.invalid.map((i) => i.platform)];
  if (!names.includes(platform)) throw new ValidationError(`没有名为“${platform}”的采集平台；期望其中之一：${names.join('、') || '（没有平台文件）'}`, 'body.platform');
}

/** Encrypts and stores an account; its secrets are never read back except by the crawler. */
export function addAccount(ctx: AppContext, input: { platform: string; label: string; secrets: AccountSecrets }, actor: Actor): AccountView {
  const entries = Object.entries(input.secrets);
  if (entries.length === 0) throw new ValidationError('期望至少一项：Cookie、令牌或请求头，收到空的账号', 'body');
  knownPlatform(ctx, input.platform);
  const key = secretsKey(ctx.config);
  const at = new Date().toISOString();
  return inTransaction(ctx.db, () => {
    if (platformAccountByLabel(ctx.db, input.platform, input.label)) throw new ConflictError(`平台“${input.platform}”已有名为“${input.label}”的账号；请换一个名称，或先删除旧的`);
    const id = insertPlatformAccount(ctx.db, {
      platform: input.platform, label: input.label, secrets: seal(key, JSON.stringify(input.secrets), input.platform),
      fields: JSON.stringify(entries.map(([name, value]) => ({ name, length: value.length }))), created_by: actorRef(actor), created_at: at,
    });
    // the audit names the headers, never their values
    recordAudit(ctx.db, { actor, entity: 'platform_account', entityId: id, action: 'create', after: { platform: input.platform, label: input.label, fields: entries.map(([name]) => name) } });
    return accountView(platformAccount(ctx.db, id)!);
  });
}

function mustFind(ctx: AppContext, id: number): PlatformAccountRow {
  const row = platformAccount(ctx.db, id);
  if (!row) throw new NotFoundError(`没有编号为 ${id} 的平台账号；请刷新列表`);
  return row;
}

export function setAccountEnabled(ctx: AppContext, id: number, enabled: boolean, actor: Actor): AccountView {
  return inTransaction(ctx.db, () => {
    const row = mustFind(ctx, id);
    setPlatformAccountEnabled(ctx.db, id, enabled, new Date().toISOString());
    recordAudit(ctx.db, { actor, entity: 'platform_account', entityId: id, action: enabled ? 'enable' : 'disable', before: { enabled: row.enabled === 1 }, after: { enabled } });
    return accountView(platformAccount(ctx.db, id)!);
  });
}

export function removeAccount(ctx: AppContext, id: number, actor: Actor): void {
  inTransaction(ctx.db, () => {
    const row = mustFind(ctx, id);
    deletePlatformAccount(ctx.db, id);
    recordAudit(ctx.db, { actor, entity: 'platform_account', entityId: id, action: 'delete', before: { platform: row.platform, label: row.label } });
  });
}

/** The enabled accounts of a platform, decrypted, in rotation order: for the crawler only. */
export function accountSecrets(ctx: AppContext, platform: string): { id: number; label: string; secrets: AccountSecrets; loginWallAt: string | null }[] {
  const rows = listPlatformAccounts(ctx.db, platform).filter((r) => r.enabled === 1);
  if (rows.length === 0) return [];
  const key = secretsKey(ctx.config);
  return rows.map((r) => ({ id: r.id, label: r.label, secrets: JSON.parse(open(key, r.secrets, r.platform)) as AccountSecrets, loginWallAt: r.login_wall_at }));
}

/** The crawler met a login wall with this account: recorded without audit (it is the crawler's observation, not a person's change). */
export function markLoginWall(ctx: AppContext, id: number): void {
  markPlatformAccountLoginWall(ctx.db, id, new Date().toISOString());
}
