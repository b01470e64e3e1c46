import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { startApp, type RunningApp } from '../helpers/web-app.js';
import { api, newKey, newOrder } from './helpers.js';

// Reported by an outside probe: a crawled \b and \x1b, and an edited field with U+FFFE or a lone surrogate.
const DIRTY_TEXT = '井盖没了\b\u001b[31m 危险\u0000';
const DIRTY_PLACE = '固戍\ufffe地铁站\ud800A出口\uffff';

let ctx: TempContext;
let app: RunningApp;
let key: string;
let order: string;
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'request' });

beforeAll(async () => {
  ctx = tempContext();
  app = await startApp(ctx);
  key = newKey(ctx, ['work_orders:read']);
  order = newOrder(ctx, { place: DIRTY_PLACE, posts: [{ text: DIRTY_TEXT }] });
  newOrder(ctx);
});
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
});

// XMLValidator checks the structure only; the two patterns check the characters (XML 1.0 Char).
function wellFormed(xml: string): void {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
  expect(xml).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
}

describe('Open311 XML with control characters and noncharacters in the text', () => {
  it('the list is well-formed and keeps the allowed text', async () => {
    const res = await api(app.baseUrl, key, 'GET', '/open311/v2/requests.xml');
    expect(res.status).toBe(200);
    wellFormed(res.body);
    const dirty = parser.parse(res.body).service_requests.request.find((r: { service_request_id: string }) => r.service_request_id === order);
    expect(dirty.description).toContain('井盖没了[31m 危险');
    expect(dirty.address).toContain('固戍地铁站');
  });

  it('the single request is well-formed', async () => {
    const res = await api(app.baseUrl, key, 'GET', `/open311/v2/requests/${order}.xml`);
    expect(res.status).toBe(200);
    wellFormed(res.body);
    expect(parser.parse(res.body).service_requests.request).toHaveLength(1);
  });

  it('an error naming a dirty id is well-formed', async () => {
    const res = await api(app.baseUrl, key, 'GET', '/open311/v2/requests/GD%08%1B%EF%BF%BE.xml');
    expect(res.status).toBe(404);
    wellFormed(res.body);
  });

  it('JSON carries the same text, escaped', async () => {
    const res = await api(app.baseUrl, key, 'GET', `/open311/v2/requests/${order}.json`);
    expect(res.status).toBe(200);
    expect(res.body[0].description).toContain('井盖没了\b');
  });
});
