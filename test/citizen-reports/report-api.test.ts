import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { citizenReportByRef } from '../../src/storage/citizen-reports.js';
import { getPost } from '../../src/storage/posts.js';
import { transitionWorkOrder } from '../../src/workorders/transition.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, request, startApp, type Client, type RunningApp } from '../helpers/web-app.js';
import { HEIC, jpeg, jpegHtmlPolyglot, jpegWithGps, jpegZipPolyglot, png, SCRIPT, SVG } from './fixtures.js';
import { formToken, leadOfReport, sendReport } from './helpers.js';

let ctx: TempContext;
let app: RunningApp;
let staff: Client;
const MAX_BYTES = 60_000;
const TEXT = '小区门口的垃圾桶三天没人清运了，气味很大，晚上还有老鼠出没';

beforeAll(async () => {
  ctx = tempContext({ citizenReportsPerHour: 1000, citizenReportsPerDay: 1000, citizenPhotoMaxBytes: MAX_BYTES, citizenPhotoMaxFiles: 3 });
  app = await startApp(ctx);
  await createUser(ctx, 'wang', 'verifier');
  staff = await login(app.baseUrl, 'wang');
});
afterAll(async () => {
  await app.close();
  ctx.cleanup();
});

const uploads = () => {
  try {
    return readdirSync(path.join(ctx.dir, 'uploads'));
  } catch {
    return [];
  }
};
const reportCount = () => ctx.db.prepare('SELECT count(*) FROM citizen_reports').pluck().get() as number;

describe('a valid report (no account)', () => {
  let ref: string;
  let leadId: number;

  it('is accepted with an unguessable reference number, from a gazetteer pick, with contact and a photo', async () => {
    const places = await request(app.baseUrl, 'GET', `/api/public/places?q=${encodeURIComponent('华强北')}`);
    expect(places.status).toBe(200);
    const street = places.body.items.find((p: { id: string }) => p.id === 'street:福田区:华强北街道');
    expect(street).toBeDefined();
    const res = await sendReport(app.baseUrl, { text: TEXT, place_id: street.id, contact: '13800138000' }, [{ name: 'IMG_0001.jpg', bytes: await jpegWithGps() }]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'received', status_label: '已受理', photos: 1 });
    expect(res.body.ref).toMatch(/^SZ-\d{8}-[2-9A-HJKMNP-Z]{8}$/);
    expect(JSON.stringify(res.body)).not.toContain('13800138000');
    ref = res.body.ref;
  });

  it('becomes a post of platform citizen, judged and filed into the queue, placed by the pick', async () => {
    leadId = await leadOfReport(ctx, ref);
    const report = citizenReportByRef(ctx.db, ref)!;
    const post = getPost(ctx.db, report.post_id)!;
    expect(post).toMatchObject({ platform: 'citizen', platform_post_id: ref, text: TEXT, author: null, ip_location: null });
    expect(post.raw).not.toContain('13800138000');
    const queue = await staff.get('/api/leads?platform=citizen');
    expect(queue.body.items.map((i: { id: number }) => i.id)).toContain(leadId);
    const lead = await staff.get(`/api/leads/${leadId}`);
    expect(lead.body).toMatchObject({ status: 'new', district: '福田区', street: '华强北街道' });
    expect(lead.body.posts[0]).toMatchObject({ platform: 'citizen', text: TEXT });
    const platforms = await staff.get('/api/platforms');
    expect(platforms.body.platforms).toContainEqual({ code: 'citizen', name: '市民随手拍' });
  });

  it('shows staff the place, the contact and the photo, re-encoded without EXIF, GPS kept as a hint', async () => {
    const res = await staff.get(`/api/leads/${leadId}/citizen-reports`);
    expect(res.status).toBe(200);
    const [r] = res.body.reports;
    expect(r).toMatchObject({ ref, contact: '13800138000', place: { picked: true, kind: 'street', district: '福田区', street: '华强北街道' } });
    expect(r.photos[0].gps).toMatchObject({ district: '福田区' });
    expect(r.photos[0].gps.lat).toBeCloseTo(22.54713, 4);
    const photo = await fetch(app.baseUrl + r.photos[0].url, { headers: { cookie: staff.cookie } });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(photo.headers.get('x-content-type-options')).toBe('nosniff');
    expect(photo.headers.get('content-disposition')).toBe('inline');
    expect(photo.headers.get('content-security-policy')).toContain('sandbox');
    const bytes = Buffer.from(await photo.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(bytes.includes('ExifMarkerCam')).toBe(false);
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    // stored outside the web root, readable by the app's user only
    const file = path.join(ctx.dir, 'uploads', r.photos[0].url.split('/').pop());
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect((await fetch(app.baseUrl + r.photos[0].url)).status).toBe(401);
    expect((await fetch(`${app.baseUrl}/assets/../uploads/${r.photos[0].url.split('/').pop()}`)).status).toBe(404);
  });

  it('answers the public status with status and times only: no text, place, contact or notes', async () => {
    const res = await request(app.baseUrl, 'GET', `/api/public/reports/${ref.toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['ref', 'status', 'status_label', 'steps', 'submitted_at', 'updated_at']);
    const text = JSON.stringify(res.body);
    for (const secret of ['13800138000', '垃圾', '华强北', 'wang']) expect(text).not.toContain(secret);
    expect((await request(app.baseUrl, 'GET', '/api/public/reports/SZ-20261207-22222222')).status).toBe(404);
  });
});

describe('status follows the lead and the work order', () => {
  const status = async (ref: string) => (await request(app.baseUrl, 'GET', `/api/public/reports/${ref}`)).body.status_label;

  it('已受理 → 核实中 → 已派单 → 已办结', async () => {
    const { body } = await sendReport(app.baseUrl, { text: '路口的路灯坏了一个星期，晚上非常黑，行人很危险', place_text: '我家楼下' });
    const leadId = await leadOfReport(ctx, body.ref);
    expect(await status(body.ref)).toBe('已受理');
    expect((await staff.post(`/api/leads/${leadId}/claim`)).status).toBe(200);
    expect(await status(body.ref)).toBe('核实中');
    const version = (await staff.get(`/api/leads/${leadId}`)).body.version;
    const confirmed = await staff.post(`/api/leads/${leadId}/confirm`, { version });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    const order = confirmed.body.workOrder as { number: string };
    expect(await status(body.ref)).toBe('已派单');
    for (const to of ['accepted', 'in_progress'] as const) transitionWorkOrder(ctx, { number: order.number, to, actor: SYSTEM });
    expect(await status(body.ref)).toBe('已派单');
    transitionWorkOrder(ctx, { number: order.number, to: 'resolved', note: '已修复', actor: SYSTEM });
    const done = (await request(app.baseUrl, 'GET', `/api/public/reports/${body.ref}`)).body;
    expect(done.status_label).toBe('已办结');
    expect(done.steps.every((s: { reached: boolean }) => s.reached)).toBe(true);
    expect(JSON.stringify(done)).not.toContain('已修复');
  });

  it('a typed place that is exactly one gazetteer unit places the lead too; other typed places do not', async () => {
    const named = await sendReport(app.baseUrl, { text: TEXT, place_text: '华强北街道' });
    const lead = (await staff.get(`/api/leads/${await leadOfReport(ctx, named.body.ref)}`)).body;
    expect(lead).toMatchObject({ district: '福田区', street: '华强北街道' });
    expect(citizenReportByRef(ctx.db, named.body.ref)).toMatchObject({ place_text: '华强北街道', place_kind: null, district: '福田区' });
    const vague = await sendReport(app.baseUrl, { text: TEXT, place_text: '我家楼下' });
    expect(citizenReportByRef(ctx.db, vague.body.ref)).toMatchObject({ place_text: '我家楼下', district: null, street: null, place: null });
  });

  it('未予受理 when rejected, without the reviewer\'s note; a text the engine would drop still reaches the queue', async () => {
    const { body } = await sendReport(app.baseUrl, { text: '今天天气很好，想表扬一下社区工作人员服务热情周到' });
    const leadId = await leadOfReport(ctx, body.ref);
    const lead = (await staff.get(`/api/leads/${leadId}`)).body;
    expect(lead.status).toBe('new');
    const rejected = await staff.post(`/api/leads/${leadId}/reject`, { version: lead.version, reason: 'not_civic', note: '核实员内部备注XYZ' });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    const s = (await request(app.baseUrl, 'GET', `/api/public/reports/${body.ref}`)).body;
    expect(s.status_label).toBe('未予受理');
    expect(JSON.stringify(s)).not.toContain('XYZ');
  });
});

describe('hostile files are refused with a clear message, and nothing is stored', () => {
  it.each<[string, () => Promise<{ name: string; bytes: Uint8Array; type?: string }[]>, number, string]>([
    ['a <script> named .jpg', async () => [{ name: 'photo.jpg', bytes: SCRIPT }], 400, '网页或脚本'],
    ['an SVG with a script', async () => [{ name: 'logo.svg', bytes: SVG, type: 'image/svg+xml' }], 400, 'SVG'],
    ['an SVG named .jpg', async () => [{ name: 'logo.jpg', bytes: SVG }], 400, 'SVG'],
    ['a JPEG/HTML polyglot', async () => [{ name: 'p.jpg', bytes: await jpegHtmlPolyglot() }], 400, '夹带了网页或脚本'],
    ['a JPEG named .png (wrong extension)', async () => [{ name: 'p.png', bytes: await jpeg(), type: 'image/png' }], 400, '扩展名与内容不符'],
    ['a PNG named .gif', async () => [{ name: 'p.gif', bytes: await png() }], 400, '扩展名与内容不符'],
    ['HEIC', async () => [{ name: 'IMG_0002.HEIC', bytes: HEIC, type: 'image/heic' }], 400, 'HEIC'],
    ['an empty file', async () => [{ name: 'empty.jpg', bytes: new Uint8Array(0) }], 400, '空的'],
    ['an oversized photo', async () => [{ name: 'big.jpg', bytes: Buffer.concat([await jpeg(), Buffer.alloc(MAX_BYTES)]) }], 400, '超过每张照片'],
    ['too many files', async () => Promise.all([1, 2, 3, 4].map(async (i) => ({ name: `p${i}.jpg`, bytes: await jpeg() }))), 400, '照片最多 3 张'],
    ['a body over the total limit', async () => [1, 2, 3].map((i) => ({ name: `p${i}.jpg`, bytes: Buffer.alloc(MAX_BYTES * 1.5, 1) })), 413, '提交的内容太大'],
    ['a truncated JPEG', async () => [{ name: 'cut.jpg', bytes: (await jpeg(400, 300)).subarray(0, 300) }], 400, '无法'],
  ])('%s → %s', async (_name, files, code, message) => {
    const before = { reports: reportCount(), files: uploads().length };
    const res = await sendReport(app.baseUrl, { text: TEXT }, await files());
    expect(res.status, JSON.stringify(res.body)).toBe(code);
    expect(res.body.error.message).toContain(message);
    expect(res.body.error.message).toMatch(/\p{Script=Han}/u);
    expect({ reports: reportCount(), files: uploads().length }).toEqual(before);
  });

  it('a JPEG/ZIP polyglot is stored as a clean re-encode: the archive and its payload are gone', async () => {
    const res = await sendReport(app.baseUrl, { text: TEXT }, [{ name: 'zip.jpg', bytes: await jpegZipPolyglot('ZIP-PAYLOAD-MARKER-7Q') }]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const leadId = await leadOfReport(ctx, res.body.ref);
    const { reports } = (await staff.get(`/api/leads/${leadId}/citizen-reports`)).body;
    const r = reports.find((x: { ref: string }) => x.ref === res.body.ref);
    const stored = readFileSync(path.join(ctx.dir, 'uploads', r.photos[0].url.split('/').pop()));
    expect(stored.includes('ZIP-PAYLOAD-MARKER-7Q')).toBe(false);
    expect(stored.includes(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(false);
    expect(stored.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]))).toBe(false);
  });

  it('a PNG becomes a JPEG', async () => {
    const res = await sendReport(app.baseUrl, { text: TEXT }, [{ name: 'shot.png', bytes: await png(), type: 'image/png' }]);
    expect(res.status).toBe(201);
    const photo = ctx.db.prepare('SELECT p.* FROM citizen_report_photos p JOIN citizen_reports r ON r.id = p.report_id WHERE r.ref = ?').get(res.body.ref) as { mime: string; original_kind: string; gps_lat: number | null };
    expect(photo).toMatchObject({ mime: 'image/jpeg', original_kind: 'png', gps_lat: null });
  });
});

describe('hostile requests', () => {
  it('refuses a reused, missing or forged form token, a cross-site post and a JSON body', async () => {
    const token = await formToken(app.baseUrl);
    expect((await sendReport(app.baseUrl, { text: TEXT, form_token: token })).status).toBe(201);
    const again = await sendReport(app.baseUrl, { text: TEXT, form_token: token });
    expect(again.status).toBe(403);
    expect(again.body.error.message).toContain('已提交过或已过期');
    expect((await sendReport(app.baseUrl, { text: TEXT, form_token: 'A'.repeat(32) })).status).toBe(403);
    const cross = await sendReport(app.baseUrl, { text: TEXT }, [], { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    const json = await request(app.baseUrl, 'POST', '/api/public/reports', { text: TEXT });
    expect(json.status).toBe(400);
    expect(json.body.error.message).toContain('multipart/form-data');
    const unknown = await sendReport(app.baseUrl, { text: TEXT, status: 'resolved' });
    expect(unknown.status).toBe(400);
  });

  it('refuses an invalid contact and a place id the gazetteer does not have', async () => {
    const contact = await sendReport(app.baseUrl, { text: TEXT, contact: 'javascript:alert(1)' });
    expect(contact.status).toBe(400);
    expect(contact.body.error.message).toContain('联系方式应为');
    const place = await sendReport(app.baseUrl, { text: TEXT, place_id: 'street:福田区:<script>' });
    expect(place.status).toBe(400);
    expect(place.body.error.message).toContain('地名库');
  });

  it('keeps staff routes for staff', async () => {
    expect((await request(app.baseUrl, 'GET', '/api/leads/1/citizen-reports')).status).toBe(401);
    expect((await staff.get('/api/citizen-photos/..%2F..%2Fcivic-radar.db')).status).toBe(404);
    expect((await staff.get('/api/citizen-photos/0123456789abcdef0123456789abcdef.jpg')).status).toBe(404);
  });
});
