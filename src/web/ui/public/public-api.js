// JSON calls of the public 市民随手拍 pages: never with the staff session's cookies (credentials:
// 'omit'), so a staff member's open session neither rides along nor asks for its CSRF token.

export class PublicApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function publicCall(method, path, body) {
  let res;
  try {
    res = await fetch(path, { method, headers: { accept: 'application/json' }, credentials: 'omit', body });
  } catch {
    throw new PublicApiError(0, '无法连接服务器，请检查网络后重试。');
  }
  const data = (res.headers.get('content-type') || '').includes('json') ? await res.json() : null;
  if (!res.ok) throw new PublicApiError(res.status, (data && data.error && data.error.message) || `请求失败（HTTP ${res.status}），请稍后重试。`);
  return data;
}
