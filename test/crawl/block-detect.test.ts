import { describe, expect, it } from 'vitest';
import { BLOCK_LABEL, blockRules, detectBlock, type PageSeen } from '../../src/crawl/accounts/block-detect.js';

const URL = 'https://m.weibo.cn/api/container/getIndex?q=井盖';
const page = (p: Partial<PageSeen>): PageSeen => ({ status: 200, requestedUrl: URL, finalUrl: URL, body: '{"data":{"cards":[{}]}}', items: 10, ...p });

describe('detectBlock', () => {
  const cases: [string, Partial<PageSeen>, string | null][] = [
    ['a page with items', {}, null],
    ['HTTP 401', { status: 401, items: 0 }, 'login_required'],
    ['HTTP 403', { status: 403, items: 0 }, 'login_required'],
    ['redirected to a login page', { finalUrl: 'https://passport.weibo.cn/signin/login?r=x', items: 0 }, 'login_required'],
    ['redirected elsewhere, with items', { finalUrl: 'https://m.weibo.cn/search?q=x' }, null],
    ['a login form served with 200', { body: '<div>请先登录后查看更多内容</div>', items: 0 }, 'login_required'],
    ['a captcha page', { body: '<div id="captcha">请完成安全验证</div>', items: 0 }, 'captcha'],
    ['a slider check (geetest)', { body: '<script src="https://static.geetest.com/gt.js"></script>', items: 0 }, 'captcha'],
    ['a 200 with nothing on it', { body: '{"data":{"cards":[]}}', items: 0 }, 'empty'],
    ['a post about a 验证码 scam is content', { body: '有人冒充客服骗验证码', items: 3 }, null],
    ['a server error is the backoff\'s business, not a wall', { status: 503, body: 'busy', items: 0 }, null],
    ['a 404 is not a wall', { status: 404, body: 'not found', items: 0 }, null],
  ];
  it.each(cases)('%s', (_name, seen, expected) => {
    expect(detectBlock(page(seen))).toBe(expected);
  });

  it('takes a platform\'s own rules on top of the defaults', () => {
    const rules = blockRules({ loginUrls: ['/member/enter'], captchaMarkers: ['拖动滑块'], loginStatuses: [418] });
    expect(detectBlock(page({ finalUrl: 'https://bbs.example.cn/member/enter?from=x', items: 0 }), rules)).toBe('login_required');
    expect(detectBlock(page({ body: '请拖动滑块完成拼图', items: 0 }), rules)).toBe('captcha');
    expect(detectBlock(page({ status: 418, items: 0 }), rules)).toBe('login_required');
    expect(detectBlock(page({ status: 401, items: 0 }), rules)).toBe('login_required'); // defaults kept
  });

  it('names each state in Chinese', () => {
    expect(BLOCK_LABEL).toEqual({ login_required: '需要登录', captcha: '出现验证码', empty: '返回空页' });
  });
});
