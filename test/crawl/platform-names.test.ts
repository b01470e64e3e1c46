import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CRAWLERS, platformNames } from '../../src/crawl/platform-names.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('platformNames', () => {
  it('reads a changed, added or removed file again (names are cached between changes)', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-names-'));
    const demo = readFileSync(path.join(DEMO_CRAWLERS, 'demo-forum.yaml'), 'utf8').replace(/^demo: true\n/m, '');
    const file = path.join(dir, 'city-forum.yaml');
    writeFileSync(file, demo.replace(/^displayName: .*$/m, 'displayName: 城市论坛'));
    expect(platformNames(dir)('city-forum')).toBe('城市论坛');
    expect(platformNames(dir)('weibo')).toBe('微博');
    writeFileSync(file, demo.replace(/^displayName: .*$/m, 'displayName: 城市论坛（新）'));
    expect(platformNames(dir)('city-forum')).toBe('城市论坛（新）');
    writeFileSync(path.join(dir, 'other.yaml'), demo.replace(/^displayName: .*$/m, 'displayName: 另一个'));
    expect(platformNames(dir)('other')).toBe('另一个');
    rmSync(file);
    expect(platformNames(dir)('city-forum')).toBe('city-forum');
  });
});
