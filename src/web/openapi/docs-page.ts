/** A readable HTML rendering of the OpenAPI document, built on the server (no CDN, no script). */
const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const json = (v: unknown) => `<pre>${esc(JSON.stringify(v, null, 2))}</pre>`;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The docs page speaks Chinese: what each status means to a caller. */
const STATUS_ZH: Record<string, string> = {
  '200': '成功', '201': '已创建', '400': '输入有误', '401': '未登录或密钥无效', '403': '无权限', '404': '不存在', '409': '冲突', '413': '请求体过大', '422': '幂等键重复使用',
};

function authText(security: unknown[] | undefined): string {
  if (security && security.length === 0) return '无需登录';
  if (security?.some((s) => typeof s === 'object' && s !== null && 'apiKey' in s)) return '需要 API 密钥（请求头 Authorization: Bearer crk_…）';
  return '需要登录（会话 Cookie；修改类请求另需 X-CSRF-Token 请求头）';
}

interface Operation {
  summary?: string;
  description?: string;
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
          return `<details><summary><b>${esc(code)}</b> ${esc(STATUS_ZH[code] ?? '')} <small>${esc(r.description)}</small></summary>${c?.example !== undefined ? `<p>示例</p>${json(c.example)}` : ''}${c?.schema ? `<p>结构</p>${json(c.schema)}` : ''}</details>`;
        })
        .join('');
      body.push(`<section id="${esc(anchor)}"><h2><code class="m-${method}">${method.toUpperCase()}</code> ${esc(path)}</h2>
<p>${esc(op.summary)}</p>${op.description ? `<p>${esc(op.description)}</p>` : ''}<p class="auth">${authText(op.security)}</p>
${params ? `<h3>参数</h3><table><tr><th>名称</th><th>位置</th><th>必填</th><th>说明</th><th>类型</th></tr>${params}</table>` : ''}
${req ? `<h3>请求体</h3><p>示例</p>${json(req.example)}<details><summary>结构 (JSON Schema)</summary>${json(req.schema)}</details>` : ''}
<h3>响应</h3>${responses}</section>`);
    }
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(doc.info.title)} 接口文档</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/assets/docs.css"></head>
<body><header><h1>${esc(doc.info.title)} 接口文档</h1><p>${esc(doc.info.description)}</p><p>机器可读版本：<a href="/api/openapi.json">/api/openapi.json</a>（OpenAPI 3.1）。字段名保持英文原样。</p></header>
<nav><h2>目录</h2><ul>${toc.join('')}</ul></nav><main>${body.join('')}</main></body></html>`;
}
