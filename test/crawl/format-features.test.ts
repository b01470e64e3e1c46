import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { embeddedJson } from '../../src/crawl/embedded-json.js';
import { extractPage } from '../../src/crawl/extract.js';
import { ruleMatches } from '../../src/crawl/item-filter.js';
import { loadDefinitionFile } from '../../src/crawl/loader.js';
import type { CrawlerDefinition } from '../../src/crawl/definition.js';

const NOW = new Date('2026-12-07T08:00:00.000Z');
const sample = (name: string) => readFileSync(path.resolve('test/crawl/fixtures/real', name), 'utf8');
const example = (file: string) => loadDefinitionFile(path.resolve('crawlers/examples', file));

describe('format features on the real samples', () => {
  it('uncomment: Tieba\'s thread list is inside an HTML comment: 0 of 25 threads without it, 25 with it', () => {
    const def = example('tieba-forum.yaml');
    const body = sample('tieba_forum_list_daomubiji_trimmed.html');
    expect(extractPage({ ...def, extract: { ...def.extract, uncomment: false } } as CrawlerDefinition, body, 'https://tieba.baidu.com/f', NOW).posts).toHaveLength(0);
    expect(extractPage(def, body, 'https://tieba.baidu.com/f', NOW).posts).toHaveLength(25);
  });

  it('fallbacks: the title attribute, else the text; the first spec that gives a value wins', () => {
    const html = '<ul><li data-id="1"><a title="完整的标题很长很长">完整的标题…</a><p>正文</p></li><li data-id="2"><a>只有文字</a><p>正文</p></li></ul>';
    const def = { extract: { type: 'html', uncomment: false, items: 'li', fields: { id: { selector: '', attr: 'data-id' }, text: 'p', title: [{ selector: 'a', attr: 'title' }, 'a'] } }, pagination: { type: 'none' } } as unknown as CrawlerDefinition;
    expect(extractPage(def, html, 'https://x/', NOW).posts.map((p) => p.title)).toEqual(['完整的标题很长很长', '只有文字']);
  });

  it('compute high32: Douyin\'s aweme_id carries its time', () => {
    const posts = extractPage(example('douyin-posts.yaml'), sample('douyin_aweme_post_list.json'), 'https://x/', NOW).posts;
    expect(posts[0]).toMatchObject({ platformPostId: '6839298761143930116', publishedAt: '2020-06-17T12:52:12.000Z' });
  });

  it('exclude: 「本帖最后由…编辑」 is left out of a Discuz! floor\'s text, the rest kept', () => {
    const posts = extractPage(example('discuz-thread-page.yaml'), sample('discuz_mcbbs_viewthread.html'), 'https://x/', NOW).posts;
    const first = posts.find((p) => p.platformPostId === '25894244')!;
    expect(first.text).not.toContain('本帖最后由');
    expect(first.text).toContain('Join Microsoft Rewards');
    const withoutExclude = { ...example('discuz-thread-page.yaml') };
    withoutExclude.extract = { ...withoutExclude.extract, fields: { ...withoutExclude.extract.fields, text: { selector: 'td[id^=postmessage_]' } } } as never;
    expect(extractPage(withoutExclude, sample('discuz_mcbbs_viewthread.html'), 'https://x/', NOW).posts.find((p) => p.platformPostId === '25894244')!.text).toMatch(/^本帖最后由 ETW_Derp 于 2022-5-22 09:28 编辑/);
  });

  it.each([
    [{ field: 'text', matches: '^抱歉，此微博已被删除' }, '抱歉，此微博已被删除。查看帮助', true],
    [{ field: 'text', matches: '^抱歉，此微博已被删除' }, '井盖坏了', false],
    [{ path: 'type', notEquals: 'search_result' }, 'knowledge_ad', true],
    [{ path: 'type', notEquals: 'search_result' }, 'search_result', false],
    [{ path: 'type', notEquals: 'search_result' }, undefined, true],
    [{ path: 'first', equals: '1' }, 1, true],
    [{ selector: '.ad', exists: true }, undefined, false],
    [{ selector: '.ad', exists: false }, undefined, true],
  ])('skip rule %j on %j → %s', (rule, value, skipped) => {
    expect(ruleMatches(rule, value)).toBe(skipped);
  });

  it('embedded: the JSON a script assigns, with braces inside strings and bare undefined', () => {
    const page = '<script>var x = 1;window.__INITIAL_STATE__ = {"a":{"s":"} not the end {","u":undefined,"l":[1,{"b":"\\"q\\""}]}};window.other={"z":1}</script>';
    expect(embeddedJson(page, 'window.__INITIAL_STATE__')).toEqual({ a: { s: '} not the end {', u: null, l: [1, { b: '"q"' }] } });
    expect(() => embeddedJson('<html></html>', 'window.__INITIAL_STATE__')).toThrow(/no script assigning window.__INITIAL_STATE__/);
  });

  it('children with parent context, and raw paths in templates (Bilibili replies with their own replies)', () => {
    const data = JSON.parse(sample('bilibili_reply_list_av2.json'));
    data.data.replies[0].replies = [{ rpid: 7, oid: 2, ctime: 1646205600, like: 0, member: { uname: '回复者' }, content: { message: '同感' } }];
    const posts = extractPage(example('bilibili-replies.yaml'), JSON.stringify(data), 'https://x/', NOW).posts;
    expect(posts).toHaveLength(6);
    expect(posts[1]).toMatchObject({ platformPostId: '7', title: '回复 小鹿不跑路', text: '同感', url: 'https://www.bilibili.com/video/av2#reply7' });
  });
});
