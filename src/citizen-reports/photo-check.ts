import { activeContent, extensionMatches, PHOTO_KINDS, sniffImage, type PhotoKind, type SniffedKind } from './image-sniff.js';

/** One uploaded file as the multipart body gave it. */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export type PhotoCheck = { ok: true; kind: PhotoKind } | { ok: false; message: string };

const NAMED: Partial<Record<SniffedKind, string>> = {
  heic: '是 HEIC/HEIF 格式（苹果手机默认的照片格式），暂不支持：请在手机「设置 › 相机 › 格式」中选「兼容性最佳」后重拍，或截图后上传',
  gif: '是 GIF 动图，不支持：请上传照片（JPEG、PNG 或 WebP）',
  svg: '是 SVG 矢量图（其中可以含有脚本），不接受：请上传照片（JPEG、PNG 或 WebP）',
  html: '是网页或脚本文件，不是照片',
  pdf: '是 PDF 文档，不是照片',
  zip: '是压缩包，不是照片',
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;

/**
 * Whether one upload may become a photo, from its bytes alone: not empty, not too large, a JPEG,
 * PNG or WebP by its magic bytes, a name whose extension agrees, and no markup or script hidden in
 * it (a polyglot). The message says, in words, what the file was and what is accepted.
 */
export function checkPhoto(f: UploadedFile, maxBytes: number): PhotoCheck {
  const label = `文件「${f.name || '未命名'}」`;
  if (f.bytes.length === 0) return { ok: false, message: `${label}是空的（0 字节）：请重新选择照片` };
  if (f.bytes.length > maxBytes) return { ok: false, message: `${label}有 ${mb(f.bytes.length)}，超过每张照片 ${mb(maxBytes)} 的上限：请压缩或截图后再传` };
  const kind = sniffImage(f.bytes);
  if (!(PHOTO_KINDS as readonly string[]).includes(kind)) {
    return { ok: false, message: `${label}${NAMED[kind] ?? '不是可识别的照片'}；只接受 JPEG、PNG、WebP 格式的照片` };
  }
  const photo = kind as PhotoKind;
  if (!extensionMatches(photo, f.name)) {
    return { ok: false, message: `${label}的扩展名与内容不符：内容是 ${photo.toUpperCase()} 图片，扩展名却不是；请上传原始照片，不要改扩展名` };
  }
  const marker = activeContent(f.bytes);
  if (marker) return { ok: false, message: `${label}看起来是照片，但其中夹带了网页或脚本内容（${marker}），不予接收：请上传相机或截图直接得到的照片` };
  return { ok: true, kind: photo };
}
