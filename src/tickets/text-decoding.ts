import iconv from 'iconv-lite';

export type Encoding = 'auto' | 'utf-8' | 'gbk';

/** Turns a file's bytes into text chunk by chunk. */
export interface ChunkDecoder {
  write(bytes: Buffer): string;
  end(): string;
  encoding: 'utf-8' | 'gbk';
}

/**
 * The decoder for a file whose first bytes are `head`: `auto` reads UTF-8 unless those bytes are
 * not valid UTF-8, which is what Excel on a Chinese Windows writes ("CSV" = GBK). A UTF-8 BOM is dropped.
 * UTF-8 decoding is strict: bytes that turn out not to be UTF-8 later throw (say `encoding: gbk`).
 */
export function decoderFor(encoding: Encoding, head: Buffer): ChunkDecoder {
  const chosen = encoding === 'auto' ? (looksUtf8(head) ? 'utf-8' : 'gbk') : encoding;
  if (chosen === 'gbk') {
    const d = iconv.getDecoder('gbk');
    return { encoding: 'gbk', write: (b) => d.write(b), end: () => d.end() ?? '' };
  }
  const d = new TextDecoder('utf-8', { fatal: true });
  return { encoding: 'utf-8', write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
}

/** Valid UTF-8, allowing a sequence cut at the end of the sample. */
export function looksUtf8(head: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
