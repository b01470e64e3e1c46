import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addMissedCandidate } from '../../src/storage/missed-candidates.js';
import { storePosts } from '../../src/storage/posts.js';
import { insertLead } from '../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { closeInOrder, launchBrowser, loggedInPage } from '../helpers/web-browser.js';
import { createUser, startApp, type RunningApp } from '../helpers/web-app.js';

let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
const errors: string[] = [];
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

const evidence = (p: number, decided: string) => JSON.stringify({
  decided_by: decided, rules_lead: false, rules_score: 0, locality: 'none', urgency_by: decided === 'model' ? 'model' : null,
  model: { version: 'm-test', p_lead: p, p_urgent: 0.7, category: 'municipal', p_category: 0.66, for: [{ text: `停水${HOSTILE}`, weight: 0.4 }], against: [{ text: '请问', weight: -0.2 }] },
});

beforeAll(async () => {
  ctx = tempContext();
  await createUser(ctx, 'li', 'verifier');
  const now = new Date().toISOString();
  const { newIds } = storePosts(ctx.db, [
    { platform: 'weibo', platformPostId: 'mx1', text: `我们这栋楼又停水了，也没个通知${HOSTILE}`, raw: '{}', ipLocation: '广东' },
    { platform: 'weibo', platformPostId: 'mx2', text: '请问周末哪里可以看烟花', raw: '{}' },
  ]);
  addMissedCandidate(ctx.db, { postId: newIds[0]!, pLead: 0.41, category: 'municipal', evidence: evidence(0.41, 'neither'), day: now.slice(0, 10), now });
  addMissedCandidate(ctx.db, { postId: newIds[1]!, pLead: 0.22, category: 'other', evidence: evidence(0.22, 'neither'), day: now.slice(0, 10), now });
  const { leadId } = insertLead(ctx.db, { posts: [{ text: '小区门口的灯一直不亮' }], category: 'municipal' });
  ctx.db.prepare('UPDATE leads SET evidence = ? WHERE id = ?').run(evidence(0.83, 'model'), leadId);
  app = await startApp(ctx);
  browser = await launchBrowser(ctx);
});
afterAll(() => closeInOrder(browser, app, ctx));

const pageFor = (name: string): Promise<Page> => loggedInPage(browser, app.baseUrl, name, errors);

it('a verifier works 可能遗漏 by keyboard: the post as text, the model\'s reasons, y files a lead, n records not a lead', async () => {
  const page = await pageFor('li');
  await page.click('a[href="/missed"]');
  await page.waitForURL(`${app.baseUrl}/missed`);
  const first = page.locator('.missed-item').first();
  await first.waitFor();
  expect(await page.locator('.missed-item').count()).toBe(2);
  expect(await first.locator('.text').textContent()).toContain(HOSTILE);
  expect(await first.textContent()).toContain('是线索的概率 41%');
  expect(await first.textContent()).toContain('市政公用');
  expect(await page.locator('main img').count()).toBe(0);

  await page.keyboard.press('y');
  await page.locator('#toast').getByText(/已转为线索 #\d+/).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.missed-item').length === 1);
  await page.keyboard.press('n');
  await page.locator('#toast').getByText('已记录：不是线索').waitFor();
  await page.locator('.empty').getByText('暂时没有待判断的帖子').waitFor();
  expect(await page.locator('main').textContent()).toContain('已判为线索 1 条，已判为非线索 1 条');
  const created = ctx.db.prepare("SELECT category FROM leads WHERE created_by IS NOT NULL").all() as { category: string }[];
  expect(created).toEqual([{ category: 'municipal' }]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.close();
});

it('the lead page shows 判定依据 in Chinese: who decided, the model probability, the weighing words', async () => {
  const page = await pageFor('li');
  const id = (ctx.db.prepare("SELECT id FROM leads WHERE evidence != '{}'").get() as { id: number }).id;
  await page.goto(`${app.baseUrl}/leads/${id}`);
  const ev = page.locator('dl.evidence');
  await ev.waitFor();
  const text = (await ev.textContent()) ?? '';
  expect(text).toContain('规则未命中，由模型判定为线索');
  expect(text).toContain('是线索的概率 83%');
  expect(text).toContain('模型判断为紧急');
  expect(text).toContain('没有本地依据');
  expect(await ev.locator('.chips.for .chip').first().textContent()).toBe(`停水${HOSTILE}`);
  expect(await page.locator('main img').count()).toBe(0);
  expect(errors).toEqual([]);
  await page.close();
});
