import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Config } from '../../config/schema.js';
import { ConflictError } from '../../errors.js';

const VERSION = 'v1';
const HOW = '可用 openssl rand -hex 32 生成，写入环境变量 SECRETS_KEY 或配置文件的 secretsKey 后重启';

/**
 * The key that encrypts platform accounts at rest, from SECRETS_KEY: 32 bytes as 64 hex characters
 * or base64. Missing or malformed, saving or using an account is refused, saying what is expected.
 */
export function secretsKey(config: Pick<Config, 'secretsKey'>): Buffer {
  const raw = config.secretsKey?.trim();
  if (!raw) throw new ConflictError(`未设置 SECRETS_KEY：平台账号的 Cookie 和令牌须加密保存，期望 32 字节的密钥（64 个十六进制字符或 base64），收到空值；${HOW}`);
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new ConflictError(`SECRETS_KEY 无效：期望 32 字节（64 个十六进制字符或 base64），收到 ${key.length} 字节；${HOW}`);
  return key;
}

/** AES-256-GCM with a random 96-bit nonce; `context` (the platform) is authenticated too, so a row moved to another platform does not open. */
export function seal(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function open(key: Buffer, sealed: string, context: string): string {
  const [version, data] = sealed.split(':');
  if (version !== VERSION || !data) throw new ConflictError(`无法读取加密的平台账号：期望 ${VERSION} 格式，收到 ${JSON.stringify(version)}`);
  const bytes = Buffer.from(data, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(bytes.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new ConflictError('无法解密平台账号：SECRETS_KEY 与保存时的不同，或数据已损坏；请换回原来的密钥，或删除该账号后重新填写');
  }
}
