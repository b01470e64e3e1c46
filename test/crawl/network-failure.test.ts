import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { classifyNetworkFailure } from '../../src/crawl/network-failure.js';
import { TargetCheck } from '../../src/crawl/target-check.js';

describe('network failures: what a failed fetch says about the host', () => {
  it.each([
    // Crawlee keeps only the message of ECONNREFUSED/ECONNRESET ("session error"); got and Node give codes; Playwright says net::ERR_*
    ['Detected a session error, rotating session... \nconnect ECONNREFUSED 127.0.0.1:1200', 'refused', true],
    ['getaddrinfo ENOTFOUND rsshub.example.invalid', 'dns', true],
    ['getaddrinfo EAI_AGAIN bbs.example.cn', 'dns', true],
    ['page.goto: net::ERR_NAME_NOT_RESOLVED at https://x.invalid/', 'dns', true],
    ['page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/', 'refused', true],
    ['connect EHOSTUNREACH 10.1.2.3:80', 'unreachable', true],
    ['connect ETIMEDOUT 203.0.113.9:443', 'connect-timeout', true],
    ['connect timed out after 10 s (203.0.113.9:80)', 'connect-timeout', true],
    ['unable to verify the first certificate', 'tls', true],
    ['read ECONNRESET', 'reset', false],
    ['socket hang up', 'reset', false],
  ])('%s → %s', (message, kind, hostDown) => {
    expect(classifyNetworkFailure(new Error(message))).toMatchObject({ kind, hostDown });
  });

  it('reads the code and the cause, not only the message (fetch: "fetch failed" with cause ECONNREFUSED)', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(classifyNetworkFailure(new Error('fetch failed', { cause }))?.kind).toBe('refused');
    expect(classifyNetworkFailure(Object.assign(new Error('lookup failed'), { code: 'ENOTFOUND' }))?.kind).toBe('dns');
  });

  it.each([['HTTP 503 from u'], ['response is not JSON'], ['request timed out after 30 seconds.']])('%s is not a network failure of the host', (message) => {
    expect(classifyNetworkFailure(new Error(message))).toBeNull();
  });
});

describe('the target check: each origin once, before its first request', () => {
  const options = { allowPrivate: true, connectTimeoutMs: 1000, viaProxy: false };

  it('a port nothing listens on: connection refused, in milliseconds', async () => {
    const started = Date.now();
    expect(await new TargetCheck(options).refusal('http://127.0.0.1:9/api')).toMatch(/^host unreachable: connection refused .*ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a listening port passes; the answer is kept per origin', async () => {
    const server = createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const check = new TargetCheck(options);
    try {
      expect(await check.refusal(`http://127.0.0.1:${port}/a`)).toBeNull();
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(await check.refusal(`http://127.0.0.1:${port}/b?x=1`)).toBeNull(); // cached: not connected again
  });

  it('a name that does not resolve, and a DNS server that never answers, are reported as DNS failures within the connect timeout', async () => {
    const nx = new TargetCheck({ ...options, resolve: () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND bbs.example.invalid'), { code: 'ENOTFOUND' })) });
    expect(await nx.refusal('https://bbs.example.invalid/forum')).toMatch(/does not resolve \(DNS\).*ENOTFOUND/);
    const started = Date.now();
    const hanging = new TargetCheck({ ...options, connectTimeoutMs: 300, resolve: () => new Promise(() => undefined) });
    expect(await hanging.refusal('https://bbs.example.cn/forum')).toMatch(/DNS.*timed out/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it.each([
    ['http://127.0.0.1:1200/weibo', null],
    ['http://[::1]:8080/', null],
    ['http://169.254.169.254/latest/meta-data/', null],
    ['http://metadata.example.cn/', '169.254.169.254'], // a name resolving to the metadata address
    ['http://intranet.example.cn/', '10.0.0.7'],
  ])('%s is refused without privateNetwork, naming the address and how to allow it', async (url, resolvesTo) => {
    const check = new TargetCheck({ allowPrivate: false, connectTimeoutMs: 1000, viaProxy: false, resolve: async () => [{ address: resolvesTo ?? '203.0.113.1', family: 4 }] });
    const refusal = await check.refusal(url);
    expect(refusal).toMatch(/loopback, private, link-local or cloud-metadata address/);
    expect(refusal).toContain('privateNetwork: { allow: true, reason:');
  });

  it('through a proxy nothing is connected directly and a name that does not resolve here passes; private literals are still refused', async () => {
    const proxied = new TargetCheck({ allowPrivate: false, connectTimeoutMs: 1000, viaProxy: true, resolve: () => Promise.reject(new Error('getaddrinfo ENOTFOUND x')) });
    expect(await proxied.refusal('https://weibo.example.cn/')).toBeNull();
    expect(await proxied.refusal('http://10.0.0.1/')).toMatch(/private/);
  });
});
