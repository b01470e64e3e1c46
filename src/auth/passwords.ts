import { hash, verify } from '@node-rs/argon2';
import { checkPasswordPolicy } from './password-policy.js';

/** argon2id with the library's defaults (19 MiB, 2 passes): slow enough for attackers, ~20 ms for us. Only a password the policy accepts for this user. */
export function hashPassword(password: string, userName: string): Promise<string> {
  checkPasswordPolicy(password, userName);
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
