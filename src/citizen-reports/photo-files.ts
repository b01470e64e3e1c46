import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NotFoundError } from '../errors.js';

/** Where photos live: DATA_DIR/uploads, outside the web root (nothing under it is ever served statically). */
export const uploadsDir = (dataDir: string) => path.join(dataDir, 'uploads');

/** A stored photo's name: 32 random hex characters and the extension; the only names the staff route serves. */
const PHOTO_NAME = /^[0-9a-f]{32}\.(jpg|webp)$/;

export function isPhotoName(name: string): boolean {
  return PHOTO_NAME.test(name);
}

/** Writes a re-encoded photo under a random name, readable by the app's user only (0600, folder 0700); returns the name. */
export function writePhoto(dataDir: string, bytes: Uint8Array, ext: 'jpg' | 'webp'): string {
  const dir = uploadsDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = `${randomBytes(16).toString('hex')}.${ext}`;
  writeFileSync(path.join(dir, name), bytes, { mode: 0o600, flag: 'wx' });
  return name;
}

/** Removes photos written for a report that was then not stored (its transaction failed). */
export function removePhotos(dataDir: string, names: readonly string[]): void {
  for (const n of names) if (isPhotoName(n)) rmSync(path.join(uploadsDir(dataDir), n), { force: true });
}

/** The path of a stored photo by name; anything but a stored photo's name is not found. */
export function photoPath(dataDir: string, name: string): string {
  if (!isPhotoName(name)) throw new NotFoundError(`没有名为「${name}」的照片`);
  return path.join(uploadsDir(dataDir), name);
}
