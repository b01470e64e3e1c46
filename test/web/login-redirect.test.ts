/**
 * Issue #13, finding 1: after login the page goes to ?next=, which must stay on this site. A browser
 * strips tab, CR and LF from a URL before parsing it, so "/\t/evil.example/" is "//evil.example/".
 * Real Chromium decides here, since it is the browser's parsing that matters.
 */
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { closeInOrder, launchBrowser } from '../helpers/web-browser.js';
import { createUser, startApp, TEST_PASSWORD, type RunningApp } from '../helpers/web-app.js';

let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
const offsite: string[] = [];

beforeAll(async () => {
  ctx = tempContext();
  await createUser(ctx, 'wang', 'verifier');
  app = await startApp(ctx);
  browser = await launchBrowser(ctx);
});
afterAll(() => closeInOrder(browser, app, ctx));

async function freshPage(): Promise<Page> {
  offsite.length = 0;
  const page = await browser.newPage();
  // Any request that leaves 127.0.0.1 is the redirect we are testing for; answer it locally.
  await page.route((url) => url.hostname !== '127.0.0.1', (route) => {
    offsite.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<p>evil</p>' });
  });
  return page;
}

async function loginWithNext(page: Page, rawNext: string): Promise<string> {
  await page.goto(`${app.baseUrl}/login?next=${rawNext}`);
  await page.fill('#name', 'wang');
  await page.fill('#password', TEST_PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login') || u.hostname !== '127.0.0.1'), page.click('button[type=submit]')]);
  return page.url();
}

describe('login ?next=', () => {
  for (const next of ['/%09/evil.example/', '/%0a/evil.example/', '/%0d/evil.example/', '/%09%5Cevil.example/', '%5C%5Cevil.example', '//evil.example', 'https://evil.example/']) {
    it(`stays on the site for next=${next}`, async () => {
      const page = await freshPage();
      const landed = await loginWithNext(page, next);
      expect(new URL(landed).origin).toBe(app.baseUrl);
      expect(offsite).toEqual([]);
      await page.close();
    });
  }

  it('still follows a same-site path with its query and hash', async () => {
    const page = await freshPage();
    const landed = await loginWithNext(page, encodeURIComponent('/work-orders?status=open#top'));
    expect(landed).toBe(`${app.baseUrl}/work-orders?status=open#top`);
    await page.close();
  });
});

describe('safeHref', () => {
  it('turns paths that a browser reads as another host into "#", keeps same-site paths and http(s) links', async () => {
    const page = await freshPage();
    await page.goto(`${app.baseUrl}/login`);
    const inputs = ['/\t/evil.example/', '/\n/evil.example/', '/\r/evil.example/', '/\\evil.example', '//evil.example', '/leads/5?x=1#y', 'https://weibo.com/1/abc', 'javascript:alert(1)', 'data:text/html,x'];
    // A string, not a function: vitest would rewrite a dynamic import() inside a function.
    const out = await page.evaluate(`import('/assets/dom.js').then(({ safeHref }) => ${JSON.stringify(inputs)}.map(safeHref))`);
    expect(out).toEqual(['#', '#', '#', '#', '#', '/leads/5?x=1#y', 'https://weibo.com/1/abc', '#', '#']);
    await page.close();
  });
});
