/** A readable HTML rendering of the OpenAPI document, built on the server (no CDN, no script). */
const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const json = (v: unknown) => `<pre>${esc(JSON.stringify(v, null, 2))}</pre>`;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

interface Operation {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown; example?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown; example?: unknown }> }>;
}

export function renderDocsPage(doc: { info: { title: string; description: string }; paths: Record<string, Record<string, Operation>> }): string {
  const toc: string[] = [];
  const body: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const anchor = `${method}-${path.replace(/[^\w]+/g, '-')}`;
      toc.push(`<li><a href="#${esc(anchor)}"><code class="m-${method}">${method.toUpperCase()}</code> ${esc(path)}</a> — ${esc(op.summary)}</li>`);
      const params = (op.parameters ?? [])
        .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? '是' : ''}</td><td>${esc(p.description)}</td><td><code>${esc(JSON.stringify(p.schema))}</code></td></tr>`)
        .join('');
      const req = op.requestBody?.content?.['application/json'];
      const responses = Object.entries(op.responses ?? {})
        .map(([code, r]) => {
          const c = r.content && Object.values(r.content)[0];
          return `<details><summary><b>${esc(code)}</b> ${esc(r.description)}</summary>${c?.example !== undefined ? `<p>示例</p>${json(c.example)}` : ''}${c?.schema ? `<p>结构</p>${json(c.schema)}` : ''}</details>`;
        })
        .join('');
      body.push(`<section id="${esc(anchor)}"><h2><code class="m-${method}">${method.toUpperCase()}</code> ${esc(path)}</h2>
<p>${esc(op.summary)}</p><p class="auth">${op.security && op.security.length === 0 ? '无需登录' : '需要登录（会话 Cookie + CSRF）或 API 密钥，见说明'}</p>
${params ? `<h3>参数</h3><table><tr><th>名称</th><th>位置</th><th>必填</th><th>说明</th><th>类型</th></tr>${params}</table>` : ''}
${req ? `<h3>请求体</h3><p>示例</p>${json(req.example)}<details><summary>结构 (JSON Schema)</summary>${json(req.schema)}</details>` : ''}
<h3>响应</h3>${responses}</section>`);
    }
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(doc.info.title)} 接口文档</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/assets/docs.css"></head>
<body><header><h1>${esc(doc.info.title)} 接口文档</h1><p>${esc(doc.info.description)}</p><p>机器可读版本：<a href="/api/openapi.json">/api/openapi.json</a>（OpenAPI 3.1）</p></header>
<nav><ul>${toc.join('')}</ul></nav><main>${body.join('')}</main></body></html>`;
}
