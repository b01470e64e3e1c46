import { createHash } from 'node:crypto';

/** Fingerprint of a file's text: an edit names the text it started from, so it never overwrites a change it did not see. */
export const textSha = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);
