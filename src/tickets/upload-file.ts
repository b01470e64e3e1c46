import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { ValidationError } from '../errors.js';

/** The largest export an admin may upload (a 100,000-ticket CSV is ~20 MB). */
export const UPLOAD_MAX_BYTES = 200 * 1024 * 1024;

/** Writes a raw upload body to a new file under `dir`, refusing past `maxBytes` (the partial file removed). Returns its path. */
export function saveUpload(req: Request, dir: string, ext: string, maxBytes = UPLOAD_MAX_BYTES): Promise<string> {
  // a body already read (sent as JSON, which the app parses) never ends again: refuse it instead of waiting
  if (req.readableEnded) return Promise.reject(new ValidationError('请把文件本身作为请求体上传（Content-Type: application/octet-stream），不要用 JSON 或表单', 'body'));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${randomUUID()}${ext}`);
  const declared = Number(req.get('content-length') ?? 0);
  if (declared > maxBytes) return Promise.reject(tooBig(maxBytes));
  return new Promise((resolve, reject) => {
    const out = createWriteStream(file, { mode: 0o600 });
    let bytes = 0;
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      req.unpipe(out);
      out.destroy();
      rmSync(file, { force: true });
      req.resume(); // drain what is left so the answer reaches the client
      reject(err);
    };
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) fail(tooBig(maxBytes));
    });
    req.on('error', fail);
    out.on('error', fail);
    out.on('finish', () => (bytes === 0 ? fail(new ValidationError('上传的文件是空的', 'body')) : resolve(file)));
    req.pipe(out);
  });
}

function tooBig(max: number): ValidationError {
  return new ValidationError(`文件过大：最大 ${Math.round(max / 1024 / 1024)} MB；请按时间分成几个文件导入`, 'body');
}
