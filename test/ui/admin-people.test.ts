import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { addUser } from '../../src/auth/user-accounts.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { fitsWindow, problems, readable } from '../helpers/readable-page.js';
import { closeInOrder, launchBrowser, loggedInPage } from '../helpers/web-browser.js';
import { createUser, startApp, TEST_PASSWORD, type RunningApp } from '../helpers/web-app.js';

/** 人员, 接口密钥, 事件推送 in Chromium (#12): what the CLI does, by an admin, in Chinese, secrets shown once. */
let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

beforeAll(async () => {
  ctx = tempContext();
  await addUser(ctx.db, { name: 'boss', displayName: '刘强', role: 'admin', password: TEST_PASSWORD }, SYSTEM);
  app = await startApp(ctx);
  browser = await launchBrowser(ctx);
  page = await loggedInPage(browser, app.baseUrl, 'boss', errors);
  page.on('dialog', (d) => void d.accept());
}, 60_000);
afterAll(() => closeInOrder(browser, app, ctx));

/** The page's own words are Chinese; the hostile text planted in names and notes is the one thing left as typed. */
async function chineseOnly(path: string) {
  expect(problems((await readable(page)).replaceAll(HOSTILE, '')).map((p) => `${path}: ${p}`)).toEqual([]);
  await fitsWindow(page);
}

describe('人员', () => {
  it('creates a person who logs in with the one-time code and sets their own password', async () => {
    await page.click('#nav-admin');
    await page.waitForSelector('table.people-table tr[data-user="boss"]');
    await chineseOnly('/admin/people');
    // keyboard: n focuses the form
    await page.keyboard.press('n');
    await page.keyboard.type('lisi');
    await page.fill('#new-user input[name=display_name]', `李四${HOSTILE}`);
    await page.selectOption('#new-user select[name=role]', 'supervisor');
    await page.keyboard.press('Enter');
    const code = (await page.locator('#shown-once code.secret').innerText()).trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const row = page.locator('tr[data-user="lisi"]');
    await expect.poll(() => row.locator('.user-status').innerText()).toMatch(/待本人设置密码/);
    expect(await row.locator('td').first().innerText()).toContain(HOSTILE); // text, not markup
    await chineseOnly('/admin/people');

    // the code is never shown again
    await page.reload();
    await page.waitForSelector('tr[data-user="lisi"]');
    expect(await page.content()).not.toContain(code);

    const fresh = await browser.newContext();
    const theirs = await fresh.newPage();
    theirs.on('pageerror', (e) => errors.push(e.message));
    await theirs.goto(`${app.baseUrl}/login`);
    await theirs.click('#switch-form');
    await theirs.fill('#setup-form input[name=name]', 'lisi');
    await theirs.fill('#setup-form input[name=code]', code);
    await theirs.fill('#setup-form input[name=password]', '白日依山尽黄河入海流');
    await theirs.fill('#setup-form input[name=again]', '白日依山尽黄河入海流');
    await theirs.click('#setup-form button[type=submit]');
    await theirs.waitForURL(`${app.baseUrl}/`);
    expect(await theirs.locator('#whoami').innerText()).toContain('监督员');
    expect(await theirs.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await fresh.close();

    await page.reload();
    await expect.poll(() => page.locator('tr[data-user="lisi"] .user-status').innerText()).toBe('正常');
  });

  it('changes a role, disables, and resets a password with a code shown once', async () => {
    const row = page.locator('tr[data-user="lisi"]');
    await row.locator('select').selectOption('verifier');
    await expect.poll(async () => (await ctx.db.prepare("SELECT role FROM users WHERE name = 'lisi'").pluck().get()) as string).toBe('verifier');
    await row.locator('button.toggle').click();
    await expect.poll(() => row.locator('.user-status').innerText()).toBe('已停用');
    await row.locator('button.toggle').click();
    await expect.poll(() => row.locator('.user-status').innerText()).toBe('正常');
    await row.locator('button.reset').click();
    await page.waitForSelector('#shown-once code.secret');
    expect(await page.locator('#shown-once').innerText()).toContain('李四');
    await expect.poll(() => row.locator('.user-status').innerText()).toMatch(/待本人设置密码/);
    // the last admin: refused with the reason
    await page.locator('tr[data-user="boss"] button.toggle').click();
    await expect.poll(() => page.locator('#toast').innerText()).toMatch(/唯一启用的管理员/);
    expect(await page.locator('tr[data-user="boss"] .user-status').innerText()).toBe('正常');
  });
});

describe('接口密钥', () => {
  it('creates a key shown once and revokes it', async () => {
    await page.click('.admin-tabs a[href="/admin/api-keys"]');
    await page.waitForSelector('#new-key');
    await chineseOnly('/admin/api-keys');
    await page.fill('#new-key input[name=name]', `宝安区平台${HOSTILE}`);
    await page.check('#new-key input[value="work_orders:write"]');
    await page.click('#new-key button[type=submit]');
    const key = (await page.locator('#shown-once code.secret').innerText()).trim();
    expect(key).toMatch(/^crk_/);
    const row = page.locator('table.keys-table tbody tr').first();
    await expect.poll(() => row.innerText()).toContain('读取工单、回报工单进展');
    await chineseOnly('/admin/api-keys');
    await page.reload();
    await page.waitForSelector('table.keys-table tbody tr[data-key]');
    expect(await page.content()).not.toContain(key);
    await page.locator('table.keys-table tbody tr[data-key] button.revoke').click();
    await expect.poll(() => page.locator('table.keys-table .key-status').first().innerText()).toMatch(/已吊销/);
    expect((await fetch(`${app.baseUrl}/api/v1/work-orders`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
  });
});

describe('事件推送', () => {
  it('allows a private destination with its reason, subscribes (secret shown once) and lists deliveries', async () => {
    await page.click('.admin-tabs a[href="/admin/api-keys"]');
    await page.fill('#new-key input[name=name]', '龙岗区平台');
    await page.click('#new-key button[type=submit]');
    await page.waitForSelector('#shown-once code.secret');
    await page.click('.admin-tabs a[href="/admin/webhooks"]');
    await page.waitForSelector('#new-origin');
    await chineseOnly('/admin/webhooks');
    // a loopback address without a reason is refused, with the reason it is taken
    await page.fill('#new-origin input[name=origin]', 'http://127.0.0.1:9');
    await page.click('#new-origin button[type=submit]');
    await expect.poll(() => page.locator('#toast').innerText()).not.toBe('');
    expect(await page.locator('table.allow-table tr[data-origin]').count()).toBe(0);
    await page.fill('#new-origin input[name=private_reason]', `区内专网${HOSTILE}`);
    await page.click('#new-origin button[type=submit]');
    await page.waitForSelector('table.allow-table tr[data-origin="http://127.0.0.1:9"]');
    expect(await page.locator('table.allow-table tr[data-origin]').innerText()).toContain(`区内专网${HOSTILE}`);
    await page.selectOption('#new-subscription select[name=api_key_id]', { label: '龙岗区平台' });
    await page.fill('#new-subscription input[name=url]', 'http://127.0.0.1:9/hooks');
    await page.click('#new-subscription button[type=submit]');
    const secret = (await page.locator('#shown-once code.secret').innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    await page.waitForSelector('table.subs-table tr[data-subscription]');
    expect(await page.locator('table.subs-table tr[data-subscription]').innerText()).toContain('工单生成');
    await chineseOnly('/admin/webhooks');
    await page.reload();
    await page.waitForSelector('table.subs-table tr[data-subscription]');
    expect(await page.content()).not.toContain(secret);
    expect(await page.locator('table.log-table').innerText()).toContain('没有投递记录');
    // a delivery that gave up (what the dispatcher leaves after its last attempt) is sent again on request
    const sub = ctx.db.prepare('SELECT max(id) FROM webhook_subscriptions').pluck().get() as number;
    ctx.db.prepare("INSERT INTO webhook_deliveries (event_id, subscription_id, event_type, payload, status, attempts, next_attempt_at, last_error, created_at) VALUES ('e-1', ?, 'work_order.created', '{}', 'failed', 12, ?, ?, ?)")
      .run(sub, new Date().toISOString(), `connect ECONNREFUSED 127.0.0.1:9 ${HOSTILE}`, new Date().toISOString());
    await page.keyboard.press('g');
    const delivery = page.locator('table.log-table tr[data-delivery]');
    await expect.poll(() => delivery.locator('.delivery-status').innerText()).toBe('失败');
    await chineseOnly('/admin/webhooks');
    await delivery.locator('button').click();
    await expect.poll(() => delivery.locator('.delivery-status').innerText()).toBe('待投递');
    expect(errors).toEqual([]);
  });

  it('is refused to a verifier', async () => {
    await createUser(ctx, 'clerk', 'verifier');
    const theirs = await loggedInPage(browser, app.baseUrl, 'clerk', errors);
    expect(await theirs.locator('#nav-admin').isHidden()).toBe(true);
    for (const path of ['/admin/people', '/admin/api-keys', '/admin/webhooks']) {
      await theirs.goto(app.baseUrl + path);
      expect(await theirs.locator('h1').innerText()).toBe('无权访问');
    }
    await theirs.close();
  });
});
