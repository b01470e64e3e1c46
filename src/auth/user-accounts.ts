import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { inTransaction, type Db } from '../storage/database.js';
import { deleteUserDevices } from '../storage/login-devices.js';
import { deleteUserSessions } from '../storage/sessions.js';
import { findUserByName, insertUser, toPublicUser, updateUser, type PublicUser, type Role } from '../storage/users.js';
import { hashPassword } from './passwords.js';

const NAME = /^[\p{L}\p{N}_.-]{2,40}$/u;

export async function addUser(db: Db, input: { name: string; role: Role; password: string; displayName?: string | null }, actor: Actor): Promise<PublicUser> {
  if (!NAME.test(input.name)) {
    throw new ValidationError(`用户名应为 2–40 个字母、汉字、数字或 _ . -，收到 ${JSON.stringify(input.name)}`, 'name');
  }
  const passwordHash = await hashPassword(input.password, input.name);
  return inTransaction(db, () => {
    const existing = findUserByName(db, input.name);
    if (existing) {
      throw new ConflictError(`用户名“${input.name}”不可用：已有用户“${existing.name}”（用户名不区分大小写和全角半角）。请换一个名字；要改该用户的密码，请用 user passwd ${existing.name}`);
    }
    insertUser(db, { name: input.name, displayName: input.displayName ?? null, role: input.role, passwordHash });
    const user = toPublicUser(findUserByName(db, input.name)!);
    recordAudit(db, { actor, entity: 'user', entityId: user.id, action: 'create', after: user });
    return user;
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
    deleteUserSessions(db, user.id); // a new password logs out every open session
    deleteUserDevices(db, user.id); // and forgets its browsers: one that got in with the old password is new again
    recordAudit(db, { actor, entity: 'user', entityId: user.id, action: 'password' });
  });
}

export function setDisabled(db: Db, name: string, disabled: boolean, actor: Actor): PublicUser {
  return inTransaction(db, () => {
    const before = toPublicUser(mustFind(db, name));
    updateUser(db, before.id, { disabled });
    if (disabled) deleteUserSessions(db, before.id);
    const after = toPublicUser(mustFind(db, name));
    recordAudit(db, { actor, entity: 'user', entityId: before.id, action: disabled ? 'disable' : 'enable', before, after });
    return after;
  });
}
