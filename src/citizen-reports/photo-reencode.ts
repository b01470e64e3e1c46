import sharp from 'sharp';
import { ValidationError } from '../errors.js';
import { gpsFromExif, type GpsPoint } from './exif-gps.js';
import type { PhotoKind } from './image-sniff.js';

export interface ReencodedPhoto {
  bytes: Buffer;
  mime: 'image/jpeg';
  width: number;
  height: number;
  /** Read from the upload's EXIF before it was dropped. */
  gps: GpsPoint | null;
}

/** Decompression bombs: an image this many pixels or more is refused before it is decoded. */
const MAX_INPUT_PIXELS = 50_000_000;
const SHARP_FORMAT: Record<PhotoKind, string> = { jpeg: 'jpeg', png: 'png', webp: 'webp' };

/**
 * Decodes a checked upload and encodes a new JPEG of at most `maxDimension` pixels a side (turned
 * upright by its EXIF orientation): the new file has only pixels, so EXIF, comments, ICC and
 * anything appended to the original are gone. The GPS position is read first. The decoder must
 * agree with the sniffed kind (sharp also reads SVG and TIFF; those never get this far).
 */
export async function reencodePhoto(name: string, bytes: Uint8Array, kind: PhotoKind, maxDimension: number): Promise<ReencodedPhoto> {
  const refuse = (why: string) => new ValidationError(`文件「${name || '未命名'}」${why}：请重新拍摄或截图后上传`, 'photos');
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch {
    throw refuse('无法作为图片读取（文件可能已损坏）');
  }
  if (meta.format !== SHARP_FORMAT[kind]) throw refuse(`的内容无法按 ${kind.toUpperCase()} 读取`);
  if ((meta.width ?? 0) * (meta.height ?? 0) >= MAX_INPUT_PIXELS) throw refuse(`的尺寸过大（${meta.width}×${meta.height} 像素）`);
  const gps = gpsFromExif(meta.exif);
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: maxDimension, height: maxDimension, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, mime: 'image/jpeg', width: info.width, height: info.height, gps };
  } catch {
    throw refuse('无法作为图片解码（文件可能已损坏或不完整）');
  }
}
