/**
 * The public 市民随手拍 pages in real Chromium: a resident fills the form, picks a place from the
 * gazetteer suggestions, attaches a photo, submits, reads the reference number and checks the
 * status; hostile text and file names stay inert on the status page and on the staff lead page.
 */
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenReportByRef } from '../../src/storage/citizen-reports.js';
import { getPost } from '../../src/storage/posts.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { closeInOrder, launchBrowser, loginInBrowser } from '../helpers/web-browser.js';
import { createUser, startApp, type RunningApp } from '../helpers/web-app.js';
import { jpegWithGps, SCRIPT } from './fixtures.js';
import { leadOfReport } from './helpers.js';

const P = (tag: string) => `pwn('${tag}')`;
const HOSTILE = [
  `<script>${P('script')}</script>`,
  `<img src=x onerror=${P('img')}>`,
  `<svg onload=${P('svg')}>`,
  `<a href="javascript:${P('link')}">点我</a>`,
  `<iframe srcdoc="<script>parent.${P('srcdoc')}</script>"></iframe>`,
  `"><script>${P('attr')}</script>`,
  `<input autofocus onfocus=${P('focus')}>`,
  `<details open ontoggle=${P('toggle')}>`,
].join(' ');
const HOSTILE_TEXT = `井盖丢了很危险 ${HOSTILE}`;

let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
const errors: string[] = [];

/** A phone-sized page (the form is meant for phones), with the script trap installed. */
async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('dialog', (d) => (errors.push(`dialog: ${d.message()}`), void d.dismiss()));
  await page.addInitScript(() => {
    (window as unknown as { pwn: (x: unknown) => void }).pwn = (x) => ((window as unknown as { __pwned?: string[] }).__pwned ??= []).push(String(x));
  });
  return page;
}
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: string[] }).__pwned);

beforeAll(async () => {
  ctx = tempContext({ citizenReportsPerHour: 100, citizenReportsPerDay: 100 });
  app = await startApp(ctx);
  await createUser(ctx, 'li', 'verifier');
  browser = await launchBrowser(ctx);
});
afterAll(() => closeInOrder(browser, app, ctx));

async function submitThroughPage(page: Page, text: string, place: { pick?: string; type?: string }, file?: { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto(`${app.baseUrl}/report`);
  await expect.poll(() => page.textContent('#text-limit')).toContain('10–1000 字');
  expect(await page.textContent('#photo-limit')).toContain('最多 3 张');
  await page.fill('#text', text);
  if (place.pick) {
    await page.fill('#place', '华强北');
    await page.locator('#place-suggestions li', { hasText: place.pick }).first().click();
    expect(await page.textContent('#place-chosen')).toContain(place.pick);
  } else if (place.type) {
    await page.fill('#place', place.type);
  }
  if (file) await page.setInputFiles('#photos', file);
  await page.fill('#contact', '13900139000');
  await page.click('#submit');
}

describe('the report page', () => {
  it('works without an account: fill, pick a place, attach a photo, submit, read the number, check the status', async () => {
    const page = await newPage();
    await submitThroughPage(page, '小区门口的垃圾桶三天没人清运了，气味很大', { pick: '华强北街道' }, { name: 'IMG_0101.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps() });
    await page.waitForSelector('#report-done:not([hidden])');
    // fits a phone: nothing wider than the screen
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const ref = (await page.textContent('#ref'))!.trim();
    expect(ref).toMatch(/^SZ-\d{8}-[2-9A-HJKMNP-Z]{8}$/);
    const report = citizenReportByRef(ctx.db, ref)!;
    expect(report).toMatchObject({ district: '福田区', street: '华强北街道', contact: '13900139000' });
    expect(ctx.db.prepare('SELECT count(*) FROM citizen_report_photos WHERE report_id = ?').pluck().get(report.id)).toBe(1);
    await leadOfReport(ctx, ref);

    await page.click('#status-link');
    await page.waitForURL(/\/report\/status\?ref=/);
    await expect.poll(() => page.textContent('#status-label')).toBe('已受理');
    expect(await page.textContent('#status-result')).not.toContain('13900139000');
    // the number typed by hand, in lower case, finds the same report
    await page.fill('#ref-input', ref.toLowerCase());
    await page.click('#status-form button[type=submit]');
    await expect.poll(() => page.textContent('#status-result .ref')).toBe(ref);
    // a number that does not exist says so in words
    await page.fill('#ref-input', 'SZ-20261207-22222222');
    await page.click('#status-form button[type=submit]');
    await expect.poll(() => page.textContent('#status-error')).toContain('没有找到受理编号');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the server\'s refusal of a script posing as a photo, and keeps the form', async () => {
    const page = await newPage();
    await submitThroughPage(page, '路口的红绿灯坏了两天，车辆乱成一团', { type: '我家楼下' }, { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: SCRIPT });
    await expect.poll(() => page.textContent('#report-error')).toContain('网页或脚本文件');
    expect(await page.isVisible('#report-form')).toBe(true);
    expect(await page.inputValue('#text')).toContain('红绿灯');
    expect(await pwned(page)).toBeUndefined();
    await page.close();
  });

  it('keeps hostile text inert on the status page and on the staff lead page', async () => {
    const page = await newPage();
    await submitThroughPage(page, HOSTILE_TEXT, { type: `<img src=x onerror=${P('place')}>` }, { name: `<img src=x onerror=${P('name')}>.jpg`, mimeType: 'image/jpeg', buffer: await jpegWithGps() });
    await page.waitForSelector('#report-done:not([hidden])');
    const ref = (await page.textContent('#ref'))!.trim();
    const leadId = await leadOfReport(ctx, ref);
    expect(getPost(ctx.db, citizenReportByRef(ctx.db, ref)!.post_id)!.text).toBe(HOSTILE_TEXT);
    await page.goto(`${app.baseUrl}/report/status?ref=${ref}`);
    await expect.poll(() => page.textContent('#status-label')).toBe('已受理');
    expect(await pwned(page)).toBeUndefined();
    expect(await page.locator('main img, main iframe, main svg, main script').count()).toBe(0);

    await loginInBrowser(page, app.baseUrl, 'li');
    await page.goto(`${app.baseUrl}/leads/${leadId}`);
    await page.waitForSelector(`section.lead[data-lead-id="${leadId}"] .citizen-report`);
    await page.waitForSelector('.citizen-report img');
    expect(await page.textContent('.post-text')).toContain('<script>');
    expect(await page.textContent('.citizen-place')).toContain('onerror');
    expect(await page.textContent('.citizen-contact')).toBe('13900139000');
    expect(await page.textContent('.posts')).toContain('市民随手拍');
    // the only images are the stored photos, from the staff route
    const srcs = await page.locator('main img').evaluateAll((els) => els.map((e) => e.getAttribute('src')));
    expect(srcs.length).toBe(1);
    expect(srcs[0]).toMatch(/^\/api\/citizen-photos\/[0-9a-f]{32}\.jpg$/);
    await expect.poll(() => page.locator('.citizen-report img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(80);
    expect(await page.textContent('.citizen-report figcaption')).toContain('福田区');
    expect(await page.locator('main iframe, main svg script, main a[href^="javascript"]').count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });
});
