import { chromium, type Browser, type Page } from 'playwright';
import type { AppContext } from '../../src/context.js';
import { TEST_PASSWORD } from './web-app.js';

export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Debian chromium (config.chromiumPath) with the flags of the brief; never a downloaded browser. */
export function launchBrowser(ctx: AppContext): Promise<Browser> {
  return chromium.launch({ executablePath: ctx.config.chromiumPath, args: CHROMIUM_FLAGS, headless: true });
}

/** Logs in through the login page and waits for the queue. */
export async function loginInBrowser(page: Page, baseUrl: string, name: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login/);
  await page.fill('#name', name);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${baseUrl}/`);
  await page.waitForSelector('#queue-summary');
}

/** A new page logged in as `name`, whose script errors are collected into `errors`. */
export async function loggedInPage(browser: Browser, baseUrl: string, name: string, errors: string[]): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (err) => errors.push(err.message));
  await loginInBrowser(page, baseUrl, name);
  return page;
}

/** Closes what a page test opened, in the order given (browser, app, sites, store); any may be missing after a failed start. */
export async function closeInOrder(...opened: ({ close(): unknown } | { cleanup(): unknown } | undefined)[]): Promise<void> {
  for (const o of opened) {
    if (o) await ('close' in o ? o.close() : o.cleanup());
  }
}
