/** What an upload's bytes are, read from their start (never from the name or the browser's type). */
export type SniffedKind = 'jpeg' | 'png' | 'webp' | 'heic' | 'gif' | 'svg' | 'html' | 'pdf' | 'zip' | 'unknown';

/** The kinds a photo may be; everything else is refused. */
export const PHOTO_KINDS = ['jpeg', 'png', 'webp'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** HEIF brands (iPhone photos and their kin) in an ISO-BMFF `ftyp` box. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);

/** Sniffs the magic bytes; text that looks like markup is named so the refusal can say what it was. */
export function sniffImage(b: Uint8Array): SniffedKind {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp';
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(b, 8, 12))) return 'heic';
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(b, 0, 5) === '%PDF-') return 'pdf';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg|<svg)/.test(head)) return 'svg';
  if (/^(<!doctype html|<html|<head|<body|<script|<iframe|<!--)/.test(head)) return 'html';
  return 'unknown';
}

/** File-name extensions a photo of each kind may carry (case-insensitive). */
const EXTENSIONS: Record<PhotoKind, readonly string[]> = { jpeg: ['jpg', 'jpeg', 'jfif'], png: ['png'], webp: ['webp'] };

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

/** Whether the file's name says what its bytes are (a name without an extension says nothing, and passes). */
export function extensionMatches(kind: PhotoKind, name: string): boolean {
  const ext = extensionOf(name);
  return ext === '' || EXTENSIONS[kind].includes(ext);
}

/**
 * Markup or script anywhere in the bytes: the sign of a polyglot (an image that is also a page
 * or a script). Image data is binary; these ASCII runs do not occur in real photos' pixels.
 */
const ACTIVE_MARKERS = ['<script', '<html', '<svg', '<iframe', '<object', '<embed', '<?php', '<body', 'javascript:', 'onerror=', 'onload='];

export function activeContent(b: Uint8Array): string | null {
  const text = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1').toLowerCase();
  return ACTIVE_MARKERS.find((m) => text.includes(m)) ?? null;
}
