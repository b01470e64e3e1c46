import type { Request } from 'express';
import { CivicRadarError, ValidationError } from '../errors.js';
import type { UploadedFile } from './photo-check.js';

/** 413: the body is larger than a report can be (answered before it is read to the end). */
export class PayloadTooLargeError extends CivicRadarError {
  readonly status = 413;
}

export interface MultipartLimits {
  /** Bytes of the whole body: every photo at its limit plus the text fields. */
  maxBodyBytes: number;
  maxFiles: number;
}

export interface ParsedForm {
  fields: Record<string, string>;
  files: UploadedFile[];
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Reads the raw body, stopping (413) as soon as it passes the limit; a declared Content-Length over it is refused unread. */
async function readLimited(req: Request, max: number): Promise<Buffer> {
  const tooLarge = () => new PayloadTooLargeError(`提交的内容太大：最多 ${mb(max)}（照片和文字合计），请减少或压缩照片后再提交`);
  const declared = Number(req.get('content-length'));
  if (Number.isFinite(declared) && declared > max) throw tooLarge();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > max) {
      req.unpipe();
      req.resume(); // drain what the client still sends, so the 413 reaches it
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * A multipart/form-data body: text fields (one value each) and files, within the limits. Parsed by
 * the runtime's own Fetch API parser (undici's FormData) after the bytes are read with a cap.
 */
export async function parseMultipart(req: Request, limits: MultipartLimits): Promise<ParsedForm> {
  const type = req.get('content-type') ?? '';
  if (!/^multipart\/form-data;\s*boundary=/i.test(type)) {
    throw new ValidationError(`应以 multipart/form-data 提交（浏览器表单的方式），收到的是 ${type || '没有 Content-Type 的请求'}`, 'body');
  }
  const body = await readLimited(req, limits.maxBodyBytes);
  let form: FormData;
  try {
    form = await new Response(new Blob([new Uint8Array(body)]), { headers: { 'content-type': type } }).formData();
  } catch {
    throw new ValidationError('无法读取提交的表单（multipart 格式不完整）：请刷新页面后重新提交', 'body');
  }
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      if (name in fields) throw new ValidationError(`表单字段「${name}」只能有一个值`, name);
      fields[name] = value;
    } else if (name === 'photos') {
      if (value.size === 0 && value.name === '') continue; // an empty file input
      files.push({ name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
    } else {
      throw new ValidationError(`未知的文件字段「${name}」：照片请放在 photos 字段`, name);
    }
  }
  if (files.length > limits.maxFiles) throw new ValidationError(`照片最多 ${limits.maxFiles} 张，收到 ${files.length} 张：请删去几张后再提交`, 'photos');
  return { fields, files };
}
