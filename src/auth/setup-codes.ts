import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../audit/actor.js';
import { actorRef } from '../audit/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { AuthError } from '../errors.js';
import { inTransaction, type Db } from '../storage/database.js';
import { deleteUserDevices } from '../storage/login-devices.js';
import { deleteUserSessions } from '../storage/sessions.js';
import { deleteSetupCode, putSetupCode, setupCodeOf } from '../storage/user-setup-codes.js';
import { findUserByName, updateUser, type UserRow } from '../storage/users.js';
import { hashPassword } from './passwords.js';
import { tokenDigest } from './token-digest.js';

/** Long enough to pass on by phone or chat, short-lived, single use; login throttling limits guessing. */
export const SETUP_CODE_HOURS = 72;
/** No 0/O, 1/I/L: read aloud or copied by hand without mistakes. 12 of 31 symbols ≈ 59 bits. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Stored as the password hash of a person who has no password yet (or whose password was reset): argon2 cannot read it, so no password matches. */
export const NO_PASSWORD = '!no-password';

export interface SetupCode {
  code: string;
  expires_at: string;
}

/** What a person types, as stored: case, spaces and dashes do not matter. */
const normalise = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** A fresh code for the user, replacing any earlier one; only its digest is stored. Call inside the caller's transaction. */
export function issueSetupCode(db: Db, userId: number, actor: Actor, now = new Date()): SetupCode {
  const raw = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const expires_at = new Date(now.getTime() + SETUP_CODE_HOURS * 3_600_000).toISOString();
  putSetupCode(db, { user_id: userId, code_hash: tokenDigest(raw), expires_at, created_by: actorRef(actor), created_at: now.toISOString() });
  return { code: raw.match(/.{4}/g)!.join('-'), expires_at };
}

const REFUSED = '用户名或一次性代码不正确，或代码已过期、已用过（每个代码只能用一次）。请核对后重试，或请管理员重新生成一个代码。';

/**
 * The person sets their own password with the code: the code must be the user's newest, unexpired
 * and the account enabled; the password must pass the policy. The code is then gone, every session
 * of the account ends, and the audit log says the person set it.
 */
export async function redeemSetupCode(db: Db, input: { name: string; code: string; password: string }, now = new Date()): Promise<UserRow> {
  const user = findUserByName(db, input.name);
  const row = user ? setupCodeOf(db, user.id) : undefined;
  const presented = Buffer.from(tokenDigest(normalise(input.code)));
  const valid = row && user && user.disabled === 0 && Date.parse(row.expires_at) > now.getTime() && timingSafeEqual(presented, Buffer.from(row.code_hash));
  if (!valid) throw new AuthError(REFUSED);
  const passwordHash = await hashPassword(input.password, user.name);
  return inTransaction(db, () => {
    // used by a parallel request, or replaced by a newer code, while the password was hashed
    if (setupCodeOf(db, user.id)?.code_hash !== row.code_hash) throw new AuthError(REFUSED);
    deleteSetupCode(db, user.id);
    updateUser(db, user.id, { passwordHash });
    deleteUserSessions(db, user.id);
    deleteUserDevices(db, user.id);
    recordAudit(db, { actor: { kind: 'user', id: user.id, name: user.name }, entity: 'user', entityId: user.id, action: 'password-setup' });
    return findUserByName(db, user.name)!;
  });
}
