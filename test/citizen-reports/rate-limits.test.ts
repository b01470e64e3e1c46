import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.js';
import { databaseFile } from '../../src/config/load.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { startApp, type RunningApp } from '../helpers/web-app.js';
import { sendReport } from './helpers.js';

const TEXT = '楼下烧烤店每晚开到凌晨两点，油烟和噪音很大，睡不着觉';
let ctx: TempContext | undefined;
let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  ctx?.cleanup();
  app = undefined;
  ctx = undefined;
});

describe('rate limits on reports', () => {
  it('a report keeps its sender\'s address for CITIZEN_ADDRESS_DAYS, then forgets it', async () => {
    ctx = tempContext({ citizenAddressDays: 30 });
    app = await startApp(ctx);
    const old = await sendReport(app.baseUrl, { text: TEXT });
    const fresh = await sendReport(app.baseUrl, { text: TEXT });
    const address = (ref: string) => ctx!.db.prepare('SELECT address FROM citizen_reports WHERE ref = ?').pluck().get(ref);
    expect(address(old.body.ref)).not.toBe('');
    ctx.db.prepare("UPDATE citizen_reports SET created_at = ? WHERE ref = ?").run(new Date(Date.now() - 31 * 86_400_000).toISOString(), old.body.ref);
    expect((await sendReport(app.baseUrl, { text: TEXT })).status).toBe(201);
    expect(address(old.body.ref)).toBe('');
    expect(address(fresh.body.ref)).not.toBe('');
  });

  it('per address per hour: a clear Chinese 429 with when to try again, Retry-After, and nothing stored', async () => {
    ctx = tempContext({ citizenReportsPerHour: 2, citizenReportsPerDay: 10 });
    app = await startApp(ctx);
    for (let i = 0; i < 2; i++) expect((await sendReport(app.baseUrl, { text: TEXT })).status).toBe(201);
    const res = await sendReport(app.baseUrl, { text: TEXT });
    expect(res.status).toBe(429);
    expect(res.body.error.message).toMatch(/同一网络地址每小时最多提交 2 次。请在 \d\d-\d\d \d\d:\d\d（北京时间）之后再试/);
    const wait = Number(res.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(3500);
    expect(wait).toBeLessThanOrEqual(3600);
    expect(ctx.db.prepare('SELECT count(*) FROM citizen_reports').pluck().get()).toBe(2);
  });

  it('refused attempts count too (a flood of bad files is limited like good reports)', async () => {
    ctx = tempContext({ citizenReportsPerHour: 2, citizenReportsPerDay: 10 });
    app = await startApp(ctx);
    for (let i = 0; i < 2; i++) expect((await sendReport(app.baseUrl, { text: TEXT }, [{ name: 'x.jpg', bytes: Buffer.from('<script>1</script>') }])).status).toBe(400);
    expect((await sendReport(app.baseUrl, { text: TEXT })).status).toBe(429);
  });

  it('per address per day, and the limits survive a restart (persisted in SQLite)', async () => {
    ctx = tempContext({ citizenReportsPerHour: 10, citizenReportsPerDay: 3 });
    app = await startApp(ctx);
    for (let i = 0; i < 2; i++) expect((await sendReport(app.baseUrl, { text: TEXT })).status).toBe(201);
    // restart: a new process opens the same file with a new connection and builds a new app
    await app.close();
    ctx.db.close();
    const reopened = { ...ctx, db: openDatabase(databaseFile(ctx.config)) };
    const base = ctx;
    ctx = { ...reopened, cleanup: () => (reopened.db.close(), base.cleanup()) };
    app = await startApp(reopened);
    expect((await sendReport(app.baseUrl, { text: TEXT })).status).toBe(201);
    const res = await sendReport(app.baseUrl, { text: TEXT });
    expect(res.status).toBe(429);
    expect(res.body.error.message).toContain('24 小时内最多提交 3 次');
  });

  it('counts addresses apart behind a trusted proxy (TRUST_PROXY=1), and caps everyone per day', async () => {
    ctx = tempContext({ trustProxy: 1, citizenReportsPerHour: 1, citizenReportsPerDay: 5, citizenReportsGlobalPerDay: 3 });
    app = await startApp(ctx);
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    expect((await sendReport(app.baseUrl, { text: TEXT }, [], from('203.0.113.1'))).status).toBe(201);
    expect((await sendReport(app.baseUrl, { text: TEXT }, [], from('203.0.113.1'))).status).toBe(429);
    // a client cannot pick its address: only the entry the one proxy appended counts
    expect((await sendReport(app.baseUrl, { text: TEXT }, [], from('198.51.100.7, 203.0.113.1'))).status).toBe(429);
    expect((await sendReport(app.baseUrl, { text: TEXT }, [], from('203.0.113.2'))).status).toBe(201);
    expect((await sendReport(app.baseUrl, { text: TEXT }, [], from('203.0.113.3'))).status).toBe(201);
    const global = await sendReport(app.baseUrl, { text: TEXT }, [], from('203.0.113.4'));
    expect(global.status).toBe(429);
    expect(global.body.error.message).toContain('今天全市的随手拍提交量已达上限');
  });

  it('limits place suggestions (120 a minute), status lookups (30) and form tokens (60) per address, in Chinese', async () => {
    ctx = tempContext();
    app = await startApp(ctx);
    const get = (path: string) => fetch(app!.baseUrl + path).then(async (r) => ({ status: r.status, body: await r.json(), retry: r.headers.get('retry-after') }));
    const suggest = [];
    for (let i = 0; i < 121; i++) suggest.push((await get(`/api/public/places?q=${encodeURIComponent('福田')}`)).status);
    expect(suggest.slice(0, 120).every((s) => s === 200)).toBe(true);
    const refused = await get(`/api/public/places?q=${encodeURIComponent('福田')}`);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toContain('查询地名太频繁');
    expect(Number(refused.retry)).toBeGreaterThan(0);
    const lookups = [];
    for (let i = 0; i < 31; i++) lookups.push((await get('/api/public/reports/SZ-20261207-22222222')).status);
    expect(lookups.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(lookups[30]).toBe(429);
    const forms = [];
    for (let i = 0; i < 61; i++) forms.push((await get('/api/public/reports/form')).status);
    expect(forms.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(forms[60]).toBe(429);
  });
});
