import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { inTransaction, type Db } from '../storage/database.js';
import { deleteUserDevices } from '../storage/login-devices.js';
import { deleteUserSessions } from '../storage/sessions.js';
import { deleteSetupCode } from '../storage/user-setup-codes.js';
import { countActiveAdmins, findUserByName, insertUser, toPublicUser, updateUser, type PublicUser, type Role, type UserRow } from '../storage/users.js';
import { hashPassword } from './passwords.js';
import { issueSetupCode, NO_PASSWORD, type SetupCode } from './setup-codes.js';

const NAME = /^[\p{L}\p{N}_.-]{2,40}$/u;

/**
 * Creates a user with the password given (checked by the policy), or with none: then the result
 * carries a one-time code, shown once, with which the person sets their own password at /login.
 */
export async function addUser(db: Db, input: { name: string; role: Role; password: string; displayName?: string | null }, actor: Actor): Promise<PublicUser>;
export async function addUser(db: Db, input: { name: string; role: Role; password: null; displayName?: string | null }, actor: Actor): Promise<PublicUser & { setup_code: SetupCode }>;
export async function addUser(db: Db, input: { name: string; role: Role; password: string | null; displayName?: string | null }, actor: Actor): Promise<PublicUser & { setup_code?: SetupCode }> {
  if (!NAME.test(input.name)) {
    throw new ValidationError(`用户名应为 2–40 个字母、汉字、数字或 _ . -，收到 ${JSON.stringify(input.name)}`, 'name');
  }
  const passwordHash = input.password === null ? NO_PASSWORD : await hashPassword(input.password, input.name);
  return inTransaction(db, () => {
    const existing = findUserByName(db, input.name);
    if (existing) {
      throw new ConflictError(`用户名“${input.name}”不可用：已有用户“${existing.name}”（用户名不区分大小写和全角半角）。请换一个名字；要改该用户的密码，请为其重置密码`);
    }
    insertUser(db, { name: input.name, displayName: input.displayName ?? null, role: input.role, passwordHash });
    const user = toPublicUser(findUserByName(db, input.name)!);
    recordAudit(db, { actor, entity: 'user', entityId: user.id, action: 'create', after: user });
    return input.password === null ? { ...user, setup_code: issueSetupCode(db, user.id, actor) } : user;
  });
}

function mustFind(db: Db, name: string) {
  const user = findUserByName(db, name);
  if (!user) throw new NotFoundError(`没有名为“${name}”的用户；用 user list 查看全部用户`);
  return user;
}

export async function setPassword(db: Db, name: string, password: string, actor: Actor): Promise<void> {
  const passwordHash = await hashPassword(password, name);
  inTransaction(db, () => {
    const user = mustFind(db, name);
    updateUser(db, user.id, { passwordHash });
    deleteSetupCode(db, user.id); // a code given out earlier would otherwise still replace it
    deleteUserSessions(db, user.id); // a new password logs out every open session
    deleteUserDevices(db, user.id); // and forgets its browsers: one that got in with the old password is new again
    recordAudit(db, { actor, entity: 'user', entityId: user.id, action: 'password' });
  });
}

/** Refuses a change that would leave no enabled admin: nobody could manage people any more. */
function keepAnAdmin(db: Db, user: UserRow, change: { role?: Role; disabled?: boolean }): void {
  const losesAdmin = user.role === 'admin' && user.disabled === 0 && (change.disabled === true || (change.role !== undefined && change.role !== 'admin'));
  if (losesAdmin && countActiveAdmins(db) <= 1) {
    throw new ConflictError(`“${user.display_name ?? user.name}”是唯一启用的管理员：停用或改为其他角色后就没有人能管理人员了。期望至少还有一位启用的管理员，现有 0 位；请先为另一人设管理员角色`);
  }
}

export function setDisabled(db: Db, name: string, disabled: boolean, actor: Actor): PublicUser {
  return inTransaction(db, () => {
    const row = mustFind(db, name);
    keepAnAdmin(db, row, { disabled });
    const before = toPublicUser(row);
    updateUser(db, before.id, { disabled });
    if (disabled) deleteUserSessions(db, before.id);
    const after = toPublicUser(mustFind(db, name));
    recordAudit(db, { actor, entity: 'user', entityId: before.id, action: disabled ? 'disable' : 'enable', before, after });
    return after;
  });
}

/** A new role takes effect at the person's next request (sessions read the role from the users table). */
export function setRole(db: Db, name: string, role: Role, actor: Actor): PublicUser {
  return inTransaction(db, () => {
    const row = mustFind(db, name);
    keepAnAdmin(db, row, { role });
    updateUser(db, row.id, { role });
    const after = toPublicUser(mustFind(db, name));
    recordAudit(db, { actor, entity: 'user', entityId: row.id, action: 'role', before: { role: row.role }, after: { role } });
    return after;
  });
}

export function setDisplayName(db: Db, name: string, displayName: string | null, actor: Actor): PublicUser {
  return inTransaction(db, () => {
    const row = mustFind(db, name);
    updateUser(db, row.id, { displayName });
    recordAudit(db, { actor, entity: 'user', entityId: row.id, action: 'display-name', before: { display_name: row.display_name }, after: { display_name: displayName } });
    return toPublicUser(mustFind(db, name));
  });
}

/**
 * Reset with a one-time code: the old password stops working at once, every session and known
 * browser of the account is forgotten, and the person sets a new password with the code.
 */
export function resetWithCode(db: Db, name: string, actor: Actor): SetupCode {
  return inTransaction(db, () => {
    const user = mustFind(db, name);
    updateUser(db, user.id, { passwordHash: NO_PASSWORD });
    deleteUserSessions(db, user.id);
    deleteUserDevices(db, user.id);
    const code = issueSetupCode(db, user.id, actor);
    recordAudit(db, { actor, entity: 'user', entityId: user.id, action: 'password-reset', after: { code_expires_at: code.expires_at } });
    return code;
  });
}
