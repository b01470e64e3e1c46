import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { ForbiddenError, NonRetryableError } from '../errors.js';
import { isPrivateAddress } from '../net/private-address.js';
import { hostOf, systemResolve, type Resolve } from '../net/resolve.js';

export { hostOf, systemResolve, type Resolve };

const ADMISSION_LOOKUP_MS = 5_000;

/** Chinese, as the admins who read it: what was found and how to allow it on purpose. */
export function privateDestinationMessage(origin: string, addresses: readonly string[]): string {
  return (
    `Webhook 目标 ${origin} 应为公网地址，实际是内网、本机、链路本地或云元数据地址（${addresses.join('、')}），为防服务端请求伪造（SSRF）默认拒绝。` +
    `确需投递到该地址时，请管理员显式放行并写明理由（记入审计日志）：POST /api/admin/webhook-allowlist {"origin":"${origin}","private_reason":"理由"}，` +
    `或命令行 webhook allow ${origin} --private-reason "理由"`
  );
}

/**
 * Refuses an origin whose host is, or resolves to, a private address. A name that does not resolve
 * (yet) passes: delivery checks again at every connection, which is the check that counts.
 */
export async function refusePrivateDestination(origin: string, resolve: Resolve = systemResolve): Promise<void> {
  const host = hostOf(origin);
  let addresses: string[] = [host];
  if (!isIP(host)) {
    const timeout = new Promise<LookupAddress[]>((done) => setTimeout(() => done([]), ADMISSION_LOOKUP_MS).unref());
    addresses = (await Promise.race([resolve(host), timeout]).catch(() => [])).map((a) => a.address);
  }
  const found = addresses.filter(isPrivateAddress);
  if (found.length) throw new ForbiddenError(privateDestinationMessage(origin, found));
}

/**
 * The `lookup` of a webhook connection: resolves once, checks every address, and hands only the
 * checked ones to connect, so a DNS answer that changes between check and connect (rebinding)
 * cannot reach a private address. IP literals never reach a lookup; the caller checks those.
 */
export function checkedLookup(origin: string, allowPrivate: boolean, resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const found = addresses.map((a) => a.address).filter(isPrivateAddress);
        if (found.length && !allowPrivate) return callback(new NonRetryableError(privateDestinationMessage(origin, found)), '');
        const usable = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
        if (!usable.length) return callback(new NonRetryableError(`${hostname} has no IPv${options.family} address`), '');
        if (options.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ''),
    );
  };
}
