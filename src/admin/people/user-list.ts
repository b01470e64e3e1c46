import type { z } from 'zod';
import type { Db } from '../../storage/database.js';
import { setupCodeExpiries } from '../../storage/user-setup-codes.js';
import { lastLogins, listUsers, type UserRow } from '../../storage/users.js';
import type { userView } from './people-schemas.js';

export type UserView = z.infer<typeof userView>;

/** Everyone, with what an admin needs to decide: last login and any code not yet used. */
export function userViews(db: Db): UserView[] {
  const logins = lastLogins(db);
  const codes = setupCodeExpiries(db);
  return listUsers(db).map((u) => toView(u, logins.get(u.id) ?? null, codes.get(u.id) ?? null));
}

export function userViewOf(db: Db, id: number): UserView | undefined {
  return userViews(db).find((u) => u.id === id);
}

function toView(u: UserRow, lastLogin: string | null, codeExpires: string | null): UserView {
  return { id: u.id, name: u.name, display_name: u.display_name, role: u.role, disabled: u.disabled === 1, created_at: u.created_at, last_login_at: lastLogin, setup_code_expires_at: codeExpires };
}
