import { createHash } from 'node:crypto';

/** Cookie tokens (sessions, known browsers) are random 256-bit values; the store keeps only their SHA-256, so a leaked database leaks no live cookie. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
