import { chromium } from 'playwright';
import type { AppContext } from '../context.js';

/** Flags for headless Debian chromium as a print engine (root in containers needs --no-sandbox). */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * The report page printed by headless Chromium (configured chromiumPath): the PDF is the page a
 * supervisor sees, charts and tables drawn by the same code, so nothing is laid out twice. The
 * browser opens this app only (`origin`), with the requester's session cookie; any other request
 * is refused, so printing needs no internet. Chinese text needs a CJK font on the machine
 * (scripts/ensure-report-tools.sh installs one).
 */
export async function printReportPdf(ctx: AppContext, origin: string, path: string, cookie: { name: string; value: string }): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: ctx.config.chromiumPath, args: FLAGS, headless: true });
  try {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1100, height: 1400 } });
    await context.addCookies([{ ...cookie, url: origin, httpOnly: true, sameSite: 'Strict' }]);
    await context.route('**/*', (route) => (route.request().url().startsWith(`${origin}/`) ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto(`${origin}${path}`, { waitUntil: 'load' });
    await page.waitForSelector('#report-ready', { state: 'attached', timeout: 20_000 });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
  } finally {
    await browser.close();
  }
}
