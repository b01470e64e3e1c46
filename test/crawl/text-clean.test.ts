import { describe, expect, it } from 'vitest';
import { getPath, selectPath } from '../../src/crawl/json-path.js';
import * as cheerio from 'cheerio';
import { domToText, htmlToText, parseCount, parseIpLocation } from '../../src/crawl/text-clean.js';
import { expandKeywords, fillEnv } from '../../src/crawl/templates.js';

describe('htmlToText', () => {
  it.each([
    ['plain text', 'plain text'],
    ['a<br />b<br>c', 'a\nb\nc'],
    ['<p>one</p><p>two</p>', 'one\ntwo'],
    ['x<script>alert(1)</script><style>p{}</style>y', 'xy'],
    ['&lt;b&gt; &amp; &quot;q&quot; &#x6DF1;&#22323;', '<b> & "q" 深圳'],
    ['井盖<span class="url-icon"><img alt="[怒]" src="x.png"></span>了', '井盖[怒]了'],
    ['  多余   空格\u3000\u00a0这里  ', '多余 空格 这里'],
    ['<div>\n  行一\n  行二\n</div>', '行一 行二'],
    ['<a href="javascript:x">#深圳#</a> 路灯', '#深圳# 路灯'],
    ['<img src=x onerror=alert(1)>', ''],
  ])('%j → %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
    // the DOM walk used for parsed pages gives the same text
    expect(domToText(cheerio.load(html, null, false).root().toArray())).toBe(text);
  });
});

describe('parseIpLocation', () => {
  it.each([
    ['发布于 广东', '广东'],
    ['IP属地：广东', '广东'],
    ['IP属地:湖南2026-11-21 08:31', '湖南'],
    ['来自 北京', '北京'],
    ['广东', '广东'],
    ['', null],
    [null, null],
  ])('%j → %j', (input, out) => {
    expect(parseIpLocation(input)).toBe(out);
  });
});

describe('parseCount', () => {
  it.each([
    [1234, 1234],
    ['1234', 1234],
    ['1,234', 1234],
    ['1.2万', 12000],
    ['3亿', 300000000],
    ['10w+', 100000],
    ['2.5k', 2500],
    ['赞', null],
    [null, null],
    [-1, null],
  ])('%j → %j', (input, out) => {
    expect(parseCount(input)).toBe(out);
  });
});

describe('JSON paths', () => {
  const data = { data: { cards: [{ mblog: { id: 1 } }, { card_group: [{ mblog: { id: 2 } }] }, { other: 1 }] }, list: [[1, 2], [3]] };
  it('maps and flattens with [] and skips missing steps', () => {
    expect(selectPath(data, 'data.cards[].mblog')).toEqual([{ id: 1 }]);
    expect(selectPath(data, 'data.cards[].card_group[].mblog.id')).toEqual([2]);
    expect(getPath(data, 'data.cards[0].mblog.id')).toBe(1);
    expect(selectPath(data, 'list[][]')).toEqual([1, 2, 3]);
    expect(getPath(data, 'data.nothing.here')).toBeUndefined();
    expect(getPath('not an object', 'a.b')).toBeUndefined();
    expect(getPath({}, '__proto__.constructor')).toBeUndefined();
  });
});

describe('templates', () => {
  it('expand city × problem, URL-encoded, and fill env with file defaults', () => {
    const urls = expandKeywords('https://x/s?q={city}%20{problem}', { city: ['深圳', '宝安'], problem: ['井盖', '积水', '噪音'] });
    expect(urls).toHaveLength(6);
    expect(urls[0]!.url).toBe(`https://x/s?q=${encodeURIComponent('深圳')}%20${encodeURIComponent('井盖')}`);
    expect(urls[5]!.values).toEqual({ city: '宝安', problem: '噪音' });
    expect(fillEnv('{env.RSSHUB_URL}/weibo', { RSSHUB_URL: 'http://a' }, {})).toBe('http://a/weibo');
    expect(fillEnv('{env.RSSHUB_URL}/weibo', { RSSHUB_URL: 'http://a' }, { RSSHUB_URL: 'http://b' })).toBe('http://b/weibo');
  });
});
