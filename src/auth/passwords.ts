import { hash, verify } from '@node-rs/argon2';
import { ValidationError } from '../errors.js';

/** argon2id with the library's defaults (19 MiB, 2 passes): slow enough for attackers, ~20 ms for us. */
export function hashPassword(password: string): Promise<string> {
  checkPasswordPolicy(password);
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never lets anyone in
  }
}

// Verifying against this keeps an unknown user name as slow as a wrong password (no user enumeration by timing).
let dummyHash: Promise<string> | undefined;
export async function burnVerifyTime(password: string): Promise<void> {
  dummyHash ??= hash('civic-radar-dummy-password');
  await verifyPassword(await dummyHash, password);
}

export const MIN_PASSWORD_LENGTH = 10;

export function checkPasswordPolicy(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError(`password too short: expected at least ${MIN_PASSWORD_LENGTH} characters, received ${password.length}`, 'password');
  }
  if (password.length > 1024) throw new ValidationError('password too long: at most 1024 characters', 'password');
}
