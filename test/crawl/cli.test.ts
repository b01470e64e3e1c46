import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makePosts } from '../../src/demo/site-post.js';
import { weiboRoutes } from '../../src/demo/platform-routes.js';
import { startSite, type RunningSite } from '../../src/demo/site-server.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';

const run = promisify(execFile);
let site: RunningSite;
let ctx: TempContext;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  site = await startSite(weiboRoutes(makePosts(15, new Date())));
  ctx = tempContext();
  ctx.db.close();
  mkdirSync(path.join(ctx.dir, 'crawlers'));
  writeFileSync(
    path.join(ctx.dir, 'crawlers', 'local-weibo.yaml'),
    `engine: cheerio
privateNetwork: { allow: true, reason: "the test's imitation site runs on 127.0.0.1" }
startUrls: ["${site.baseUrl}/api/container/getIndex?containerid=1&page={page}"]
pagination: { type: page, maxPages: 2 }
extract:
  type: json
  items:
    - data.cards[].mblog
    - data.cards[].card_group[].mblog
  fields: { id: id, text: text, author: user.screen_name, publishedAt: created_at, ipLocation: region_name }
schedule: { cron: "*/5 * * * *" }
`,
  );
  writeFileSync(path.join(ctx.dir, 'crawlers', 'broken.yaml'), 'engine: cheerio\n');
  env = { ...process.env, DATA_DIR: ctx.dir, CRAWLERS_DIR: path.join(ctx.dir, 'crawlers'), LOG_LEVEL: 'silent', NO_COLOR: '1' };
});
afterAll(async () => {
  await site.close();
  ctx.cleanup();
});

const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { env });
const posts = () => {
  const db = new Database(path.join(ctx.dir, 'civic-radar.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM posts').pluck().get();
  } finally {
    db.close();
  }
};

it('crawl --dry-run prints one page of posts and stores nothing; crawl stores; platforms shows health and runs', async () => {
  const dry = await cli('crawl', path.join(ctx.dir, 'crawlers', 'local-weibo.yaml'), '--dry-run');
  expect(dry.stdout.match(/^── /gm)).toHaveLength(10);
  expect(dry.stdout).toContain('IP 广东');
  expect(dry.stderr).toMatch(/dry run: 10 post\(s\) from 1 page\(s\); nothing stored/);
  expect(posts()).toBe(0);

  const real = await cli('crawl', 'local-weibo');
  expect(real.stderr).toMatch(/local-weibo: ok — 2 page\(s\), 15 new post\(s\)/);
  expect(posts()).toBe(15);

  const list = JSON.parse((await cli('platforms', '--json')).stdout) as { platforms: { platform: string; state: string; valid: boolean; runs: { new_posts: number }[] }[]; invalidFiles: { error: string }[] };
  expect(list.platforms).toEqual([
    // a file that does not load keeps its platform in the list, with its error per field
    expect.objectContaining({ platform: 'broken', state: 'invalid', valid: false, error: expect.objectContaining({ issues: expect.arrayContaining([{ field: 'startUrls', message: 'expected an array, received nothing (the key is missing)' }]) }) }),
    expect.objectContaining({ platform: 'local-weibo', state: 'ok', valid: true, runs: [expect.objectContaining({ new_posts: 15 })] }),
  ]);
  expect(list.invalidFiles[0]!.error).toMatch(/broken\.yaml: field "startUrls"/);
}, 60_000);

it('a broken or unknown platform fails with a message naming the file or the known platforms', async () => {
  await expect(cli('crawl', 'broken')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/broken\.yaml: field "startUrls"/) });
  await expect(cli('crawl', 'nope')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/known platforms: local-weibo/) });
  // a wrong number is a usage error that says what was expected, not a database error
  await expect(cli('platforms', '--runs', 'abc')).rejects.toMatchObject({ stderr: expect.stringMatching(/expected a whole number ≥ 0, received "abc"/) });
  await expect(cli('crawl', 'local-weibo', '--max-pages', '0')).rejects.toMatchObject({ stderr: expect.stringMatching(/expected a whole number ≥ 1, received "0"/) });
}, 60_000);
