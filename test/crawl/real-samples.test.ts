import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrawlerDefinition } from '../../src/crawl/definition.js';
import { loadDefinitionFile } from '../../src/crawl/loader.js';
import { runCrawl } from '../../src/crawl/runner.js';
import { startSite, type RunningSite } from '../../src/demo/site-server.js';
import type { PostRow } from '../../src/storage/posts.js';
import { realSampleRoutes } from '../sites/real-samples-site.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { LOCAL_SITE, postsOf } from './helpers.js';

let site: RunningSite;
let ctx: TempContext;
beforeAll(async () => {
  site = await startSite(realSampleRoutes());
  ctx = tempContext();
});
afterAll(async () => {
  await site.close();
  ctx.cleanup();
});

/** A definition of crawlers/examples/ pointed at the local site; the samples are years old, so the cut-off is widened. */
async function crawl(file: string, env: Record<string, string>, patch: Partial<CrawlerDefinition> = {}): Promise<{ rows: PostRow[]; warnings: string[] }> {
  const def = { ...loadDefinitionFile(path.resolve('crawlers/examples', file)), ...patch };
  const base = Object.fromEntries(Object.keys(env).map((k) => [k, env[k]!.replace('SITE', site.baseUrl)]));
  const r = await runCrawl(ctx, { ...def, env: { ...def.env, ...base }, privateNetwork: LOCAL_SITE, robots: { respect: false, reason: 'the test site has no robots.txt' }, cutoff: { maxAgeHours: 24 * 365 * 30 }, limits: { ...def.limits, maxRequestsPerMinute: 10_000 } }, { steps: [] });
  expect(r.errors).toEqual([]);
  expect(r.status).toBe('ok');
  return { rows: postsOf(ctx.db, def.name), warnings: r.warnings.map((w) => w.message) };
}
const byId = (rows: PostRow[], id: string) => rows.find((r) => r.platform_post_id === id)!;

describe('a definition for every real sample in more-real/, served locally', () => {
  it('Weibo hot feed: 9 mblogs, every field, time and IP location; the deleted-post placeholder skipped', async () => {
    const { rows } = await crawl('weibo-hotfeed.yaml', { WEIBO_BASE: 'SITE' });
    expect(rows).toHaveLength(9); // 10 cards, one 「抱歉，此微博已被删除。」
    expect(rows.some((r) => r.platform_post_id === '4828873286749194' || r.text.includes('已被删除'))).toBe(false);
    expect(byId(rows, '4826311288423595')).toMatchObject({ author: '一碗冷掉的粥', ip_location: '浙江', likes: 14334, comments: 325, shares: 1614, published_at: '2022-10-19T07:49:02.000Z', url: 'https://m.weibo.cn/detail/4826311288423595' });
    expect(rows.every((r) => !/<[a-z]/i.test(r.text))).toBe(true);
  });

  it('Weibo comments: 20 comments with 来自<省> as the IP location', async () => {
    const { rows } = await crawl('weibo-comments.yaml', { WEIBO_BASE: 'SITE' });
    expect(rows).toHaveLength(20);
    expect(byId(rows, '4839628059709306')).toMatchObject({ ip_location: '陕西', likes: 1276, comments: 303, url: 'https://m.weibo.cn/detail/4839628059709306' });
    expect(byId(rows, '4839628059709306').text).toMatch(/^我觉得这挺好的呀/);
  });

  it('Tieba forum list: the 25 threads inside the HTML comment, full titles from the title attribute', async () => {
    // the page's next link is absolute (tieba.baidu.com): one page only here
    const { rows } = await crawl('tieba-forum.yaml', { TIEBA_BASE: 'SITE' }, { pagination: { type: 'none' } });
    expect(rows).toHaveLength(25);
    expect(byId(rows, '9079949995')).toMatchObject({ title: '盗墓笔记全集+txt小说，已整理', author: '公子伯仲', comments: 18, url: `${site.baseUrl}/p/9079949995` });
  });

  it('Tieba thread: the thread and its floors with the thread title as context; ad blocks skipped', async () => {
    const { rows } = await crawl('tieba-thread.yaml', { TIEBA_BASE: 'SITE' });
    const thread = byId(rows, '9117905169');
    expect(thread).toMatchObject({ title: '对于一个父亲来说，这个女儿14岁就死了', published_at: '2024-08-05T08:56:00.000Z', ip_location: '广东', author: '章景轩' }); // the name shown on the first floor
    const floors = rows.filter((r) => r !== thread);
    expect(floors).toHaveLength(14); // 15 floors on the page, the first is the thread itself; the injected ad block (data-field="{}") skipped
    expect(floors.every((f) => f.title === thread.title && /^\d+$/.test(f.platform_post_id) && f.published_at && f.ip_location)).toBe(true);
    expect(byId(rows, '150719258551')).toMatchObject({ author: '我只是个薯条', ip_location: '福建', published_at: '2024-08-05T09:38:00.000Z' });
  });

  it('Discuz! thread page: 9 floors, exact times from the title attribute or the text, 「本帖最后由…编辑」 left out', async () => {
    const { rows } = await crawl('discuz-thread-page.yaml', { DISCUZ_BASE: 'SITE' });
    expect(rows).toHaveLength(9);
    expect(byId(rows, '25894244')).toMatchObject({ author: 'ETW_Derp', published_at: '2022-05-22T01:26:52.000Z' });
    expect(byId(rows, '25894244').text).toMatch(/^Minecraft\n@Minecraft/); // the edit note before it is gone
    expect(byId(rows, '25984535').published_at).toBe('2022-05-28T23:27:30.000Z'); // title="2022-5-29 07:27:30" beside 「7 天前」
    expect(rows.some((r) => r.text.includes('本帖最后由'))).toBe(false);
  });

  it('Discuz! mobile API board: 50 threads, relative links resolved', async () => {
    const { rows } = await crawl('discuz-mobile-forum.yaml', { DISCUZ_BASE: 'SITE' });
    expect(rows).toHaveLength(50);
    expect(byId(rows, '1803713')).toMatchObject({ title: '2019年冬季在播动画专楼汇总', author: 'vxzms', views: 11079, comments: 22, published_at: '2019-01-11T14:29:08.000Z', url: `${site.baseUrl}/forum.php?mod=viewthread&tid=1803713` });
  });

  it('Discuz! mobile API thread: the thread and its reply, with the subject as the reply\'s context', async () => {
    const { rows } = await crawl('discuz-mobile-thread.yaml', { DISCUZ_BASE: 'SITE' });
    expect(rows.map((r) => r.platform_post_id)).toEqual(['1814693', '42787586']);
    expect(byId(rows, '1814693')).toMatchObject({ title: '固态硬盘 内存', text: '固态硬盘 内存', published_at: '2019-03-03T15:27:35.000Z' });
    expect(byId(rows, '42787586')).toMatchObject({ title: '固态硬盘 内存', author: 'sonic3908' });
    expect(byId(rows, '42787586').text).toMatch(/^for手机用户：闪迪SSD PLUS/);
  });

  it('Zhihu search: only search results (no koc_box, ad or related-query boxes), highlights as text', async () => {
    const { rows } = await crawl('zhihu-search.yaml', { ZHIHU_API: 'SITE' });
    expect(rows).toHaveLength(16); // 20 entries: koc_box, knowledge_ad and 2 relevant_query skipped
    expect(byId(rows, '3458972610')).toMatchObject({ title: '为什么互联网给我一种想搜的东西什么都搜不到，屁用没有的信息一大堆的无力感？', author: '蒋晟', likes: 36, comments: 7, published_at: '2024-04-08T14:01:25.000Z' });
  });

  it('Douyin posts: the time is the high 32 bits of aweme_id', async () => {
    const { rows } = await crawl('douyin-posts.yaml', { DOUYIN_BASE: 'SITE' });
    expect(rows).toHaveLength(25);
    expect(byId(rows, '6839298761143930116')).toMatchObject({ published_at: new Date(1592398332 * 1000).toISOString(), url: 'https://www.douyin.com/video/6839298761143930116' });
    expect(rows.every((r) => r.published_at!.startsWith('2020-'))).toBe(true);
  });

  it('Bilibili replies: rpid, member, ctime, and links built from the raw oid', async () => {
    const { rows } = await crawl('bilibili-replies.yaml', { BILIBILI_API: 'SITE' });
    expect(rows).toHaveLength(5);
    expect(byId(rows, '104192624480')).toMatchObject({ author: '小鹿不跑路', published_at: new Date(1646205507 * 1000).toISOString(), url: 'https://www.bilibili.com/video/av2#reply104192624480' });
  });

  it('Xiaohongshu explore: notes from window.__INITIAL_STATE__, "1w+" likes, link without a token when the item has none', async () => {
    const { rows } = await crawl('xhs-explore.yaml', { XHS_BASE: 'SITE' });
    expect(rows).toHaveLength(39);
    expect(byId(rows, '6607af5f000000001a01118f')).toMatchObject({ title: '参加百万网红聚会前，我的身上背了10件假货', author: '方脸小魏', likes: 10000, url: 'https://www.xiaohongshu.com/explore/6607af5f000000001a01118f' });
  });

  it('RSSHub Weibo user feed: the 2 items with their times and links', async () => {
    const { rows } = await crawl('rsshub-weibo-user.yaml', { RSSHUB_URL: 'SITE' });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.url!.startsWith('https://weibo.com/') && r.published_at && !r.text.includes('<'))).toBe(true);
  });
});
