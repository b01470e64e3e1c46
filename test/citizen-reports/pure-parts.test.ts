import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { gpsFromExif } from '../../src/citizen-reports/exif-gps.js';
import { placeOfGps } from '../../src/citizen-reports/gps-place.js';
import { activeContent, extensionMatches, sniffImage } from '../../src/citizen-reports/image-sniff.js';
import { checkPhoto } from '../../src/citizen-reports/photo-check.js';
import { rateDecision } from '../../src/citizen-reports/rate-limit.js';
import { newReference, normaliseReference } from '../../src/citizen-reports/reference-number.js';
import { reportFields } from '../../src/citizen-reports/report-form.js';
import { reportProgress } from '../../src/citizen-reports/report-status.js';
import { citizenVerdict } from '../../src/citizen-reports/report-verdict.js';
import { emptyVerdict, type Verdict } from '../../src/engine/verdict.js';
import type { ReportProgressRow } from '../../src/storage/citizen-reports.js';
import { HEIC, HTML, jpeg, jpegHtmlPolyglot, jpegWithGps, jpegZipPolyglot, png, SCRIPT, SVG, webp, zipWith } from './fixtures.js';

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('sniffImage', () => {
  it.each<[string, () => Promise<Uint8Array> | Uint8Array, string]>([
    ['JPEG', jpeg, 'jpeg'],
    ['PNG', png, 'png'],
    ['WebP', webp, 'webp'],
    ['HEIC (ftyp heic)', () => HEIC, 'heic'],
    ['GIF89a', () => bytes('GIF89a\x01\x00\x01\x00'), 'gif'],
    ['SVG with XML declaration', () => SVG, 'svg'],
    ['SVG after a BOM and a comment', () => Buffer.from('\uFEFF<!-- x --><svg></svg>', 'utf8'), 'svg'],
    ['HTML', () => HTML, 'html'],
    ['a script as text', () => SCRIPT, 'html'],
    ['PDF', () => bytes('%PDF-1.7\n'), 'pdf'],
    ['ZIP', () => zipWith('x'), 'zip'],
    ['empty', () => new Uint8Array(0), 'unknown'],
    ['plain text', () => bytes('hello'), 'unknown'],
    ['JPEG magic cut short', () => new Uint8Array([0xff, 0xd8]), 'unknown'],
  ])('%s → %s', async (_name, make, kind) => {
    expect(sniffImage(await make())).toBe(kind);
  });
});

describe('extensionMatches and activeContent', () => {
  it.each<[Parameters<typeof extensionMatches>[0], string, boolean]>([
    ['jpeg', 'a.jpg', true], ['jpeg', 'a.JPEG', true], ['jpeg', 'IMG_0001', true], ['jpeg', 'a.png', false], ['png', 'a.png', true],
    ['png', 'a.jpg', false], ['webp', 'x.webp', true], ['jpeg', 'a.jpg.html', false], ['jpeg', 'a.svg', false],
  ])('%s named %s → %s', (kind, name, ok) => expect(extensionMatches(kind, name)).toBe(ok));

  it.each([
    ['<SCRIPT>', 'x\x00\xff<SCRIPT src=1>', '<script'],
    ['onerror=', '\xff\xd8 onerror=alert(1)', 'onerror='],
    ['php', '<?php system($_GET[1]);', '<?php'],
    ['binary without markup', '\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01', null],
  ])('%s', (_name, text, marker) => expect(activeContent(bytes(text))).toBe(marker));
});

describe('checkPhoto', () => {
  const max = 100_000;
  it.each<[string, () => Promise<{ name: string; bytes: Uint8Array }>, string | null]>([
    ['a JPEG named .jpg', async () => ({ name: 'a.jpg', bytes: await jpeg() }), null],
    ['a PNG named .png', async () => ({ name: 'a.png', bytes: await png() }), null],
    ['a script named .jpg', async () => ({ name: 'evil.jpg', bytes: SCRIPT }), '网页或脚本文件'],
    ['an SVG', async () => ({ name: 'logo.svg', bytes: SVG }), 'SVG'],
    ['an SVG named .png', async () => ({ name: 'logo.png', bytes: SVG }), 'SVG'],
    ['HEIC', async () => ({ name: 'IMG_1.HEIC', bytes: HEIC }), 'HEIC'],
    ['a JPEG named .png', async () => ({ name: 'photo.png', bytes: await jpeg() }), '扩展名与内容不符'],
    ['a JPEG named .html', async () => ({ name: 'photo.html', bytes: await jpeg() }), '扩展名与内容不符'],
    ['a JPEG/HTML polyglot', async () => ({ name: 'p.jpg', bytes: await jpegHtmlPolyglot() }), '夹带了网页或脚本'],
    ['a JPEG/ZIP polyglot (re-encoded, not refused)', async () => ({ name: 'p.jpg', bytes: await jpegZipPolyglot('ZIP-MARK') }), null],
    ['empty', async () => ({ name: 'a.jpg', bytes: new Uint8Array(0) }), '空的'],
    ['oversized', async () => ({ name: 'big.jpg', bytes: Buffer.concat([await jpeg(), Buffer.alloc(max)]) }), '超过每张照片'],
  ])('%s', async (_name, make, refusal) => {
    const c = checkPhoto(await make(), max);
    if (refusal === null) expect(c).toMatchObject({ ok: true });
    else expect(c.ok ? '' : c.message).toContain(refusal);
  });
});

describe('gpsFromExif', () => {
  it('reads the position sharp wrote, and nothing from malformed blocks', async () => {
    const gps = gpsFromExif((await sharp(await jpegWithGps()).metadata()).exif);
    expect(gps!.lat).toBeCloseTo(22.547133, 5);
    expect(gps!.lon).toBeCloseTo(114.085319, 5);
    expect(gpsFromExif((await sharp(await jpeg()).metadata()).exif)).toBeNull();
    for (const junk of [undefined, new Uint8Array(0), bytes('Exif\0\0II*\0\xff\xff\xff\xff'), bytes('Exif\0\0MM\0*\0\0\0\x08\xff\xff'), new Uint8Array(200).fill(0xff)]) {
      expect(gpsFromExif(junk)).toBeNull();
    }
  });
});

describe('placeOfGps', () => {
  it.each([
    [22.5471, 114.0853, '福田区'],
    [22.5430, 113.9350, '南山区'],
    [22.7200, 114.2468, '龙岗区'],
    [39.9042, 116.4074, null],
  ])('(%f, %f) → %s', (lat, lon, district) => {
    const p = placeOfGps({ lat, lon });
    expect(p.district).toBe(district);
    expect(p.note).toMatch(district ? district : '不在本市范围内');
  });
});

describe('reference numbers', () => {
  it('carries the Beijing date and random characters from the unambiguous alphabet', () => {
    let i = 0;
    expect(newReference('SZ', new Date('2026-12-06T17:00:00Z'), () => i++ % 31)).toBe('SZ-20261207-23456789');
    const seen = new Set(Array.from({ length: 500 }, () => newReference('SZ', new Date())));
    expect(seen.size).toBe(500);
    for (const r of seen) expect(normaliseReference(r)).toBe(r);
  });
  it.each([
    [' sz-20261207-7kq4m2xd ', 'SZ-20261207-7KQ4M2XD'],
    ['ＳＺ－２０２６１２０７－７ＫＱ４Ｍ２ＸＤ', 'SZ-20261207-7KQ4M2XD'],
    ['SZ-20261207-7KQ4M2X0', null],
    ['SZ-2026127-7KQ4M2XD', null],
    ['<script>', null],
  ])('%s → %s', (typed, ref) => expect(normaliseReference(typed)).toBe(ref));
});

describe('reportProgress', () => {
  const at = '2026-12-07T01:00:00.000Z';
  const lead = (over: Partial<ReportProgressRow>): ReportProgressRow => ({
    lead_id: 1, lead_status: 'new', merged_into: null, claimed_by: null, lead_version: 1, reviewed_at: null,
    lead_updated_at: '2026-12-07T01:00:01.000Z', order_status: null, order_created_at: null, order_updated_at: null, ...over,
  });
  it.each<[string, ReportProgressRow | undefined, string]>([
    ['not filed yet', undefined, 'received'],
    ['in the queue', lead({}), 'received'],
    ['claimed', lead({ claimed_by: 3 }), 'verifying'],
    ['edited', lead({ lead_version: 2 }), 'verifying'],
    ['confirmed, dispatched', lead({ lead_status: 'confirmed', order_status: 'dispatched', order_updated_at: '2026-12-07T02:00:00.000Z' }), 'dispatched'],
    ['order returned', lead({ lead_status: 'confirmed', order_status: 'returned' }), 'dispatched'],
    ['order resolved', lead({ lead_status: 'confirmed', order_status: 'resolved' }), 'resolved'],
    ['order closed', lead({ lead_status: 'confirmed', order_status: 'closed' }), 'resolved'],
    ['rejected', lead({ lead_status: 'rejected', reviewed_at: '2026-12-07T03:00:00.000Z' }), 'declined'],
  ])('%s → %s', (_name, row, status) => {
    expect(reportProgress(at, row).status).toBe(status);
  });
});

describe('rateDecision', () => {
  const now = new Date('2026-12-07T10:00:00.000Z');
  const limits = { perHour: 2, perDay: 5, globalPerDay: 100 };
  const u = (hour: number, day: number, global: number, oldest = '2026-12-07T09:30:00.000Z') => ({ hour: { n: hour, oldest }, day: { n: day, oldest: '2026-12-06T12:00:00.000Z' }, global: { n: global, oldest: '2026-12-06T11:00:00.000Z' } });
  it.each<[string, ReturnType<typeof u>, string | null, string | null]>([
    ['under every limit', u(1, 1, 1), null, null],
    ['hour used up', u(2, 2, 2), 'hour', '2026-12-07T10:30:00.000Z'],
    ['day used up', u(1, 5, 5), 'day', '2026-12-07T12:00:00.000Z'],
    ['everyone used up the day', u(0, 0, 100), 'global', '2026-12-07T11:00:00.000Z'],
  ])('%s', (_name, usage, limit, retryAt) => {
    const d = rateDecision(usage, limits, now);
    if (!limit) return expect(d.ok).toBe(true);
    expect(d).toMatchObject({ ok: false, limit, retryAt });
    expect(d.ok ? '' : d.message).toMatch(/请在 12-07 \d\d:\d\d（北京时间）之后再试/);
  });
});

describe('citizenVerdict', () => {
  const pick = { district: '福田区', street: '华强北街道', place: null };
  const lead: Verdict = { ...emptyVerdict('1'), is_lead: true, category: 'sanitation', urgency: 'normal', score: 0.8 };
  it.each<[string, Verdict, typeof pick | undefined, Partial<Verdict>]>([
    ['a lead without a place takes the pick', lead, pick, { is_lead: true, category: 'sanitation', district: '福田区', street: '华强北街道' }],
    ['a lead the text placed keeps its place', { ...lead, district: '南山区', place: '海岸城' }, pick, { district: '南山区', street: null, place: '海岸城' }],
    ['a non-lead is filed anyway as 其他', emptyVerdict('1', { reason: 'score 0.1 below threshold 0.5' }), pick, { is_lead: true, category: 'other', urgency: 'normal', district: '福田区' }],
    ['a non-lead with a typed place stays unplaced', emptyVerdict('1'), undefined, { is_lead: true, category: 'other', district: null }],
  ])('%s', (_name, v, p, expected) => {
    const out = citizenVerdict(v, p);
    expect(out).toMatchObject(expected);
    expect(out).not.toHaveProperty('reason'); // a turned-down reason would read as if the report were turned down
  });
});

describe('reportFields', () => {
  const base = { text: '小区门口的垃圾桶三天没人清运，气味很大', form_token: 'abcdefghijklmnopqrstuvwxyz' };
  it.each<[string, Record<string, string>, string | null]>([
    ['mobile', { contact: '138 0013 8000' }, null],
    ['landline', { contact: '0755-12345678' }, null],
    ['e-mail', { contact: 'zhang@example.cn' }, null],
    ['no contact', {}, null],
    ['a script as contact', { contact: '<script>alert(1)</script>' }, '联系方式应为'],
    ['too short text', { text: '太吵' }, '至少 10 个字'],
    ['too long text', { text: '吵'.repeat(1001) }, '最多 1000 个字'],
    ['control characters only pad', { text: '\u0000\u0001垃圾\u202e没人清运\u200b已经三天了呀' }, null],
    ['an unknown field', { admin: 'true' }, 'admin'],
  ])('%s', (_name, over, problem) => {
    const r = reportFields.safeParse({ ...base, ...over });
    if (problem === null) return expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error!.issues)).toContain(problem);
  });
  it('strips control and direction characters', () => {
    expect(reportFields.parse({ ...base, text: '\u0000垃圾\u202e没人清运\u200b已经三天了' }).text).toBe('垃圾没人清运已经三天了');
  });
});
