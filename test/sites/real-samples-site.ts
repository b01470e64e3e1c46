import { readFileSync } from 'node:fs';
import path from 'node:path';
import { send, type Handler } from '../../src/demo/site-server.js';

/**
 * Real platform responses (test/crawl/fixtures/real/, see its SOURCES.md) served where the platforms
 * serve them, so the definitions in crawlers/examples/ are tried against exactly what the platforms
 * sent. Pages after the first answer an empty list, as the platforms do at the end.
 */
const DIR = path.resolve('test/crawl/fixtures/real');
const file = (name: string) => readFileSync(path.join(DIR, name));
const json = (res: Parameters<Handler>[1], body: Buffer | string) => send(res, 200, 'application/json; charset=utf-8', body);
const html = (res: Parameters<Handler>[1], body: Buffer | string) => send(res, 200, 'text/html; charset=utf-8', body);

/** Xiaohongshu's explore page keeps its notes in window.__INITIAL_STATE__ (with bare undefined values). */
function xhsExplorePage(): string {
  const items = file('xhs_homefeed_items.json').toString('utf8');
  return `<!doctype html><html><head><title>小红书</title></head><body><div id="app"></div>
<script>window.__INITIAL_STATE__={"global":{"appSettings":{"notificationInterval":30},"serverTime":undefined},"feed":{"query":{"cursor_score":"","num":39},"feeds":${items},"isFetching":false,"tip":"加载中…"}}</script>
<script src="/static/vendor.js"></script></body></html>`;
}

export function realSampleRoutes(): Record<string, Handler> {
  return {
    '/api/container/getIndex': (_req, res, url) =>
      json(res, url.searchParams.has('since_id') ? JSON.stringify({ ok: 0, data: { cards: [] } }) : file('weibo_getindex_hotfeed_102803.json')),
    '/comments/hotflow': (_req, res, url) =>
      json(res, url.searchParams.has('max_id') ? JSON.stringify({ ok: 0, data: { data: [] } }) : file('weibo_comments_hotflow.json')),
    '/f': (_req, res) => html(res, file('tieba_forum_list_daomubiji_trimmed.html')),
    '/p/*': (_req, res) => html(res, file('tieba_post_page_yitaibite_trimmed.html')),
    '/forum.php': (_req, res) => html(res, file('discuz_mcbbs_viewthread.html')),
    '/api/mobile/index.php': (_req, res, url) => {
      if (url.searchParams.get('module') === 'viewthread') return json(res, file('discuz_s1_mobileapi_viewthread.json'));
      if (url.searchParams.get('page') === '1') return json(res, file('discuz_s1_mobileapi_forumdisplay.json'));
      json(res, JSON.stringify({ Version: '1', Variables: { forum_threadlist: [] } }));
    },
    '/search_v3': (_req, res) => json(res, file('zhihu_search_v3.json')),
    '/web/api/v2/aweme/post/': (_req, res, url) =>
      json(res, url.searchParams.get('max_cursor') === '0' ? file('douyin_aweme_post_list.json') : JSON.stringify({ status_code: 0, aweme_list: [], max_cursor: 0, has_more: false })),
    '/x/v2/reply': (_req, res, url) =>
      json(res, url.searchParams.get('pn') === '1' ? file('bilibili_reply_list_av2.json') : JSON.stringify({ code: 0, data: { replies: [] } })),
    '/explore': (_req, res) => html(res, xhsExplorePage()),
    '/weibo/user/*': (_req, res) => send(res, 200, 'application/rss+xml; charset=utf-8', file('rsshub_weibo_user.xml')),
  };
}
