// The bench's local site, in its own process so the crawler being measured has its core to itself.
// GET /list/K/P.html → a listing page with 10 posts (ids unique per K and P); P < 100 has a next page.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const now = Date.now();
const pad = 'x'.repeat(2000); // ~6 KB pages, like a trimmed real listing
// A mix like a city keyword search: a few civic problems in different places, mostly chatter.
const TEXTS = [
  '固戍地铁站附近的井盖松动，晚上很危险，希望尽快处理。',
  '南山区科苑路的路灯坏了一个星期了，晚上黑漆漆的。',
  '周末去深圳湾公园散步，天气很好，人也不多。',
  '有没有人知道福田哪里的肠粉好吃？求推荐。',
  '今天地铁好挤，不过总算准时到公司了。',
  '龙华区民治大道这边的奶茶店新开业，打八折。',
  '宝安中心的商场周末有活动，小朋友玩得很开心。',
  '刚看完一部电影，结局有点意外，推荐大家去看。',
];
const server = createServer((req, res) => {
  const m = /^\/list\/(\d+)\/(\d+)\.html/.exec(req.url ?? '');
  if (!m) {
    res.writeHead(404).end();
    return;
  }
  const k = Number(m[1]);
  const p = Number(m[2]);
  const items = Array.from({ length: 10 }, (_, i) => {
    const id = `${k}-${p}-${i}`;
    const at = new Date(now - (p * 10 + i) * 1000).toISOString();
    const text = TEXTS[(k * 31 + p * 7 + i) % TEXTS.length]!;
    return `<div class="post" data-id="${id}"><h3 class="title">深圳宝安区西乡街道帖子 ${id}</h3><p class="content">${text} 编号 ${id}<br>第二行</p><span class="author">市民${i}</span><time datetime="${at}">${at}</time><span class="likes">1.${i}万</span></div>`;
  }).join('\n');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>list ${k}/${p}</title><style>.x{}</style></head><body><!-- ${pad} -->${items}<a class="next" href="/list/${k}/${p + 1}.html">下一页</a></body></html>`);
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
