// JSON API client: adds the CSRF token to state-changing requests and turns errors into ApiError.
let csrfToken = null;

export class ApiError extends Error {
  constructor(status, message, field, body) {
    super(message);
    this.status = status;
    this.field = field;
    /** The whole error answer (a refused crawler file also lists its issues). */
    this.body = body;
  }
}

export const csrf = () => csrfToken || '';

export function setCsrfToken(token) {
  csrfToken = token;
}

export async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, '无法连接服务器，请检查网络后重试。');
  }
  const data = (res.headers.get('content-type') || '').includes('json') ? await res.json() : null;
  // a wrong password or one-time code is answered on the login page itself
  if (res.status === 401 && !path.startsWith('/api/auth/login') && !path.startsWith('/api/auth/setup-password')) {
    location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
    throw new ApiError(401, '登录已过期，请重新登录。');
  }
  if (!res.ok) {
    const message = (data && data.error && data.error.message) || `请求失败（HTTP ${res.status}），请稍后重试。`;
    throw new ApiError(res.status, message, data && data.error && data.error.field, data);
  }
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body = {}) => api('POST', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);
