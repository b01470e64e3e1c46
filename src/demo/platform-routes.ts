import iconv from 'iconv-lite';
import { escapeHtml, send, type Handler } from './site-server.js';
import { forumDate, relativeZh, weiboDate, type SitePost } from './site-post.js';

/**
 * Imitations of real platforms' public surfaces, serving given posts. Shapes follow
 * /work/shared/samples/platforms/ (Weibo m.weibo.cn container JSON with mblog,
 * Tieba search page .s_post, Discuz! forumdisplay/viewthread), in GBK where the
 * originals are.
 */
export interface SiteOptions {
  pageSize?: number;
  now?: () => Date;
  /** Delay per response (the kill -9 test crawls a slow site). */
  delayMs?: number;
}

const wait = (ms?: number) => (ms ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

function pageOf<T>(items: T[], page: number, size: number): T[] {
  return items.slice((page - 1) * size, page * size);
}

export function mblog(p: SitePost) {
  return {
    visible: { type: 0, list_id: 0 },
    created_at: weiboDate(p.createdAt),
    id: p.id,
    mid: p.id,
    bid: `N${p.id.slice(-8)}`,
    can_edit: false,
    text: `${Number(p.id.slice(-1)) === 7 ? `${escapeHtml(p.text.slice(0, 8))}...<a href="/status/${p.id}">全文</a>` : escapeHtml(p.text).replace('。', '。<br />')}<span class="url-icon"><img alt="[怒]" src="//h5.sinaimg.cn/m/emoticon/icon/default/d_nu-1.png" /></span> <a href="https://m.weibo.cn/search?containerid=231522type%3D1%26q%3D%23%E6%B7%B1%E5%9C%B3%23">#深圳#</a>`,
    source: 'iPhone客户端',
    favorited: false,
    pic_ids: [],
    // every 10th post is long: truncated in listings, full text at /statuses/extend
    isLongText: Number(p.id.slice(-1)) === 7,
    region_name: `发布于 ${p.region}`,
    user: { id: Number(p.authorId), screen_name: p.author, verified: false, followers_count: '1.2万' },
    reposts_count: p.shares,
    comments_count: p.comments,
    attitudes_count: p.likes >= 10000 ? `${(p.likes / 10000).toFixed(1)}万` : p.likes,
  };
}

/** m.weibo.cn /api/container/getIndex search: {ok, data: {cardlistInfo, cards[].mblog}}, page=N. */
export function weiboRoutes(posts: SitePost[], opts: SiteOptions = {}): Record<string, Handler> {
  const size = opts.pageSize ?? 10;
  return {
    '/api/container/getIndex': async (_req, res, url) => {
      await wait(opts.delayMs);
      const page = Number(url.searchParams.get('page') ?? 1);
      const items = pageOf(posts, page, size);
      const cards = items.map((p, i) =>
        // real search results mix plain cards (9) and grouped cards (11, card_group)
        i % 4 === 3 ? { card_type: 11, card_group: [{ card_type: 9, mblog: mblog(p) }] } : { card_type: 9, itemid: `seqid:${p.id}`, mblog: mblog(p) },
      );
      const body = { ok: items.length ? 1 : 0, data: { cardlistInfo: { containerid: url.searchParams.get('containerid'), page: items.length ? page + 1 : null, total: posts.length }, cards } };
      send(res, 200, 'application/json; charset=utf-8', JSON.stringify(body));
    },
    '/statuses/extend': async (_req, res, url) => {
      await wait(opts.delayMs);
      const p = posts.find((x) => x.id === url.searchParams.get('id'));
      if (!p) return send(res, 200, 'application/json', JSON.stringify({ ok: 0, msg: '微博不存在' }));
      send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ ok: 1, data: { ok: 1, longTextContent: `${escapeHtml(p.text)}<br />（长微博全文）`, reposts_count: p.shares } }));
    },
  };
}

function gbk(res: Parameters<Handler>[1], html: string, declareInHeader: boolean): void {
  send(res, 200, declareInHeader ? 'text/html; charset=GBK' : 'text/html', iconv.encode(html, 'gbk'));
}

/** Baidu Tieba keyword search (/f/search/res?qw=..&pn=N), GBK, .s_post items, "下一页" link; detail /p/{tid}. */
export function tiebaRoutes(posts: SitePost[], opts: SiteOptions = {}): Record<string, Handler> {
  const size = opts.pageSize ?? 10;
  return {
    '/f/search/res': async (_req, res, url) => {
      await wait(opts.delayMs);
      const pn = Number(url.searchParams.get('pn') ?? 1);
      const items = pageOf(posts, pn, size);
      const list = items
        .map(
          (p) => `<div class="s_post"><span class="p_title"><a data-tid="${p.id}" data-fid="123" class="bluelink" href="/p/${p.id}?pid=1${p.id}&amp;cid=0#1${p.id}" target="_blank">${escapeHtml(p.title ?? '')}</a></span>
  <div class="p_content">${escapeHtml(p.text.slice(0, 20))}</div>
  贴吧：<a data-fid="123" class="p_forum" href="/f?kw=%C9%EE%DB%DA"><font class="p_violet">深圳</font></a>作者：<a href="/home/main?un=x" target="_blank"><font class="p_violet">${escapeHtml(p.author)}</font></a>
  <font class="p_green p_date">${forumDate(p.createdAt)}</font></div>`,
        )
        .join('\n');
      const next = pn * size < posts.length ? `<a class="next" href="/f/search/res?isnew=1&amp;qw=${encodeURIComponent(url.searchParams.get('qw') ?? '')}&amp;pn=${pn + 1}">下一页&gt;</a>` : '';
      gbk(res, `<!DOCTYPE html><html><head><meta charset="gbk"><title>百度贴吧搜索</title><script>var PageData = {};</script></head><body><div class="s_post_list">${list}</div><div class="pager pager-search">${next}</div></body></html>`, false);
    },
    '/p/*': async (_req, res, url) => {
      await wait(opts.delayMs);
      const id = url.pathname.split('/')[2];
      const p = posts.find((x) => x.id === id);
      if (!p) return send(res, 404, 'text/html', 'not found');
      gbk(res, `<html><head><meta charset="gbk"></head><body><h3 class="core_title_txt">${escapeHtml(p.title ?? '')}</h3>
<div class="l_post"><div class="d_author"><a class="p_author_name">${escapeHtml(p.author)}</a></div>
<div class="d_post_content j_d_post_content">${escapeHtml(p.text)}<br>补充：已经打过电话了。<script>alert('x')</script></div>
<div class="post-tail-wrap"><span>IP属地:${p.region}</span><span class="tail-info">${forumDate(p.createdAt)}</span></div></div></body></html>`, true);
    },
  };
}

/** A Discuz! X city forum: forum-2-N.html (GBK, no charset header), thread-ID-1-1.html. */
export function discuzRoutes(posts: SitePost[], opts: SiteOptions = {}): Record<string, Handler> {
  const size = opts.pageSize ?? 10;
  const now = opts.now ?? (() => new Date());
  return {
    '/forum-*': async (_req, res, url) => {
      await wait(opts.delayMs);
      const page = Number(/forum-\d+-(\d+)\.html/.exec(url.pathname)?.[1] ?? 1);
      const items = pageOf(posts, page, size);
      const rows = items
        .map(
          (p) => `<tbody id="normalthread_${p.id}"><tr><th class="new"><a href="thread-${p.id}-1-1.html" class="s xst">${escapeHtml(p.title ?? '')}</a></th>
<td class="by"><cite><a href="space-uid-${p.authorId}.html">${escapeHtml(p.author)}</a></cite><em><span title="${forumDate(p.createdAt)}">${relativeZh(p.createdAt, now())}</span></em></td>
<td class="num"><a href="thread-${p.id}-1-1.html" class="xi2">${p.comments}</a><em>${p.likes * 10}</em></td></tr></tbody>`,
        )
        .join('\n');
      const next = page * size < posts.length ? `<a href="forum-2-${page + 1}.html" class="nxt">下一页</a>` : '';
      gbk(res, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk" /><title>深圳论坛</title></head><body><table id="threadlisttableid">${rows}</table><div class="pg">${next}</div></body></html>`, false);
    },
    '/thread-*': async (_req, res, url) => {
      await wait(opts.delayMs);
      const id = /thread-(\d+)-/.exec(url.pathname)?.[1];
      const p = posts.find((x) => x.id === id);
      if (!p) return send(res, 404, 'text/html', 'not found');
      // as real Discuz! X pages: floors div#post_PID (PIDs of the whole forum, never 1), the first floor the
      // thread; a recent time shows 「N 天前」 with the exact time in a title attribute; an edit note (.pstatus)
      const pid = Number(p.id.slice(-7)) * 10;
      gbk(res, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk" /></head><body><span id="thread_subject">${escapeHtml(p.title ?? '')}</span>
<div id="postlist">
<div id="post_${pid}"><div class="authi"><a class="xw1">${escapeHtml(p.author)}</a></div><em id="authorposton${pid}">发表于 <span title="${forumDate(p.createdAt)}">${relativeZh(p.createdAt, now())}</span></em><span class="ip">IP属地：${p.region}</span>
<table><tr><td class="t_f" id="postmessage_${pid}"><i class="pstatus"> 本帖最后由 ${escapeHtml(p.author)} 于 ${forumDate(p.createdAt)} 编辑 </i><br />
${escapeHtml(p.text)}<br />
各位街坊有同样情况吗？&nbsp;&amp;&nbsp;谢谢</td></tr></table></div>
<div id="post_${pid + 1}"><div class="authi"><a class="xw1">热心街坊</a></div><em id="authorposton${pid + 1}">发表于 ${forumDate(now())}</em><span class="ip">IP属地：湖南</span>
<table><tr><td class="t_f" id="postmessage_${pid + 1}">已经帮你打了12345。</td></tr></table></div>
</div></body></html>`, false);
    },
  };
}

/** RSS 2.0 (RSSHub style) and Atom feeds. */
export function feedRoutes(posts: SitePost[], opts: SiteOptions = {}): Record<string, Handler> {
  return {
    '/rsshub/*': async (_req, res) => {
      await wait(opts.delayMs);
      const items = posts
        .map(
          (p) => `<item><title><![CDATA[${p.title ?? ''}]]></title><description><![CDATA[<p>${escapeHtml(p.text)}</p><img src="x.jpg">]]></description>
<pubDate>${p.createdAt.toUTCString()}</pubDate><guid isPermaLink="false">https://weibo.com/${p.authorId}/${p.id}</guid><link>https://weibo.com/${p.authorId}/${p.id}</link><author><![CDATA[${p.author}]]></author></item>`,
        )
        .join('\n');
      send(res, 200, 'application/rss+xml; charset=utf-8', `<?xml version="1.0" encoding="UTF-8"?><rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0"><channel><title>微博关键词 - RSSHub</title><link>https://s.weibo.com</link>${items}</channel></rss>`);
    },
    '/atom.xml': async (_req, res) => {
      await wait(opts.delayMs);
      const entries = posts
        .map(
          (p) => `<entry><id>tag:example.org,2026:${p.id}</id><title type="html">${escapeHtml(p.title ?? '')}</title><link rel="alternate" href="/news/${p.id}.html"/>
<published>${p.createdAt.toISOString()}</published><updated>${p.createdAt.toISOString()}</updated><author><name>${escapeHtml(p.author)}</name></author><content type="html">${escapeHtml(`<p>${p.text}</p>`)}</content></entry>`,
        )
        .join('\n');
      send(res, 200, 'application/atom+xml; charset=utf-8', `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>深圳社区新闻</title><id>urn:x</id>${entries}</feed>`);
    },
  };
}

/** A page that renders posts with script and loads more on scroll (infinite scroll). */
export function jsRoutes(posts: SitePost[], opts: SiteOptions = {}): Record<string, Handler> {
  const size = opts.pageSize ?? 10;
  return {
    '/js/feed': (_req, res) =>
      send(res, 200, 'text/html; charset=utf-8', `<!DOCTYPE html><html><head><meta charset="utf-8"><title>留言板</title></head><body>
<div id="list"></div><div id="more" style="height:10px"></div>
<script>
let offset = 0, loading = false, done = false;
async function load() {
  if (loading || done) return; loading = true;
  const r = await fetch('/js/api?offset=' + offset + '&limit=${size}');
  const items = await r.json();
  if (items.length === 0) done = true;
  for (const p of items) {
    const d = document.createElement('div'); d.className = 'post'; d.dataset.id = p.id; d.style.height = '400px';
    d.innerHTML = '<h4 class="title"></h4><p class="content"></p><span class="author"></span><span class="time"></span><span class="ip"></span>';
    d.querySelector('.title').textContent = p.title; d.querySelector('.content').textContent = p.text;
    d.querySelector('.author').textContent = p.author; d.querySelector('.time').textContent = p.time; d.querySelector('.ip').textContent = 'IP属地：' + p.region;
    document.getElementById('list').appendChild(d);
  }
  offset += items.length; loading = false;
}
window.addEventListener('scroll', () => { if (window.innerHeight + window.scrollY >= document.body.scrollHeight - 50) load(); });
load();
</script></body></html>`),
    '/js/api': async (_req, res, url) => {
      await wait(opts.delayMs);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? size);
      const items = posts.slice(offset, offset + limit).map((p) => ({ id: p.id, title: p.title, text: p.text, author: p.author, time: forumDate(p.createdAt), region: p.region }));
      send(res, 200, 'application/json', JSON.stringify(items));
    },
  };
}

export function robotsRoute(text = 'User-agent: *\nDisallow: /private/\n'): Record<string, Handler> {
  return { '/robots.txt': (_req, res) => send(res, 200, 'text/plain', text) };
}
