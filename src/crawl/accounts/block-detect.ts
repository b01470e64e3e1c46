/**
 * Is a platform answering with a wall instead of content? A login wall, a captcha, or 200 pages
 * with nothing on them look like success to a crawler; this says which, so health can read
 * 需要登录 / 出现验证码 / 返回空页 instead of 正常. Pure: rules are data, with defaults a platform may extend.
 */
export type Block = 'login_required' | 'captcha' | 'empty';

export const BLOCK_LABEL: Record<Block, string> = { login_required: '需要登录', captcha: '出现验证码', empty: '返回空页' };

export interface BlockRules {
  /** Statuses that mean "log in first". */
  loginStatuses: number[];
  /** Substrings of the final URL (after redirects) of a login page. */
  loginUrls: string[];
  /** Substrings of a body that is a captcha or a slider check. */
  captchaMarkers: string[];
  /** Substrings of a body that is a login form served with 200. */
  loginMarkers: string[];
}

export const DEFAULT_BLOCK_RULES: BlockRules = {
  loginStatuses: [401, 403],
  loginUrls: ['/login', '/signin', '/passport', 'passport.', '/sso/', 'login.'],
  captchaMarkers: ['captcha', 'geetest', 'verify-slider', '验证码', '滑动验证', '安全验证', '人机验证', 'nc_1_wrapper'],
  loginMarkers: ['请先登录', '登录后查看', '登录后可见', '扫码登录'],
};

/** A platform's own rules add to the defaults (a login path or captcha marker of its own), never replace them. */
export function blockRules(own: Partial<BlockRules> = {}): BlockRules {
  const join = <T>(a: T[], b: T[] = []) => [...new Set([...a, ...b])];
  return {
    loginStatuses: join(DEFAULT_BLOCK_RULES.loginStatuses, own.loginStatuses),
    loginUrls: join(DEFAULT_BLOCK_RULES.loginUrls, own.loginUrls),
    captchaMarkers: join(DEFAULT_BLOCK_RULES.captchaMarkers, own.captchaMarkers),
    loginMarkers: join(DEFAULT_BLOCK_RULES.loginMarkers, own.loginMarkers),
  };
}

export interface PageSeen {
  status: number;
  requestedUrl: string;
  /** After redirects. */
  finalUrl: string;
  body: string;
  /** Items the listing's extraction found. */
  items: number;
}

const lower = (s: string) => s.toLowerCase();

/** The wall a listing page hit, or null when it looks like content. */
export function detectBlock(page: PageSeen, rules: BlockRules = DEFAULT_BLOCK_RULES): Block | null {
  if (rules.loginStatuses.includes(page.status)) return 'login_required';
  const redirected = page.finalUrl !== page.requestedUrl;
  if (redirected && rules.loginUrls.some((u) => lower(page.finalUrl).includes(lower(u)))) return 'login_required';
  if (page.status !== 200 || page.items > 0) return null;
  // only an empty page is suspected: a marker inside real items (a post about a 验证码 scam) is content
  const body = lower(page.body);
  if (rules.captchaMarkers.some((m) => body.includes(lower(m)))) return 'captcha';
  if (rules.loginMarkers.some((m) => body.includes(lower(m)))) return 'login_required';
  return 'empty';
}
