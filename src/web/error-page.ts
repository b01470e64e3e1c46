import type { Request } from 'express';

/** A browser navigating (address bar, link), not the UI's fetch (Accept: application/json) or an API client. */
export function browserNavigation(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && req.accepts(['json', 'html']) === 'html';
}

const PAGES: Record<number, { title: string; text: string; link: [string, string] }> = {
  401: { title: '请先登录', text: '您还没有登录，或者登录已过期。', link: ['/login', '去登录'] },
  403: { title: '无权访问', text: '您的账号没有查看此页面的权限。如确需访问，请联系管理员。', link: ['/', '返回线索队列'] },
  404: { title: '页面不存在', text: '您要找的页面不存在，可能链接有误或内容已被删除。', link: ['/', '返回线索队列'] },
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The Chinese page a person sees instead of a JSON error when the browser navigates somewhere they
 * may not go (an admin page, an API URL). Other errors show their message as a detail, escaped.
 */
export function errorPage(status: number, message: string): string {
  const page = PAGES[status] ?? { title: status >= 500 ? '服务器出错' : '请求有误', text: status >= 500 ? '请稍后重试；问题持续请联系管理员。' : escape(message), link: ['/', '返回线索队列'] };
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${page.title} · 民意线索核实</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/assets/app.css">
</head>
<body class="login-page">
  <main class="login-box">
    <h1>${page.title}</h1>
    <p>${page.text}</p>
    <p><a href="${page.link[0]}">${page.link[1]}</a></p>
  </main>
</body>
</html>
`;
}
