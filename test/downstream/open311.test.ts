import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_FIELDS, SERVICE_FIELDS } from '../../src/downstream/open311.js';
import { transitionWorkOrder } from '../../src/workorders/transition.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { startApp, type RunningApp } from '../helpers/web-app.js';
import { api, newKey, newOrder } from './helpers.js';

// The GeoReport v2 field lists, written out from the spec (wiki.open311.org/GeoReport_v2), not imported.
const SPEC_REQUEST_FIELDS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'];
const SPEC_SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

let ctx: TempContext;
let app: RunningApp;
let key: string;
let orders: string[];
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => ['request', 'service', 'error'].includes(name) });

beforeAll(async () => {
  ctx = tempContext();
  app = await startApp(ctx);
  key = newKey(ctx, ['work_orders:read']);
  orders = [
    newOrder(ctx, { posts: [{ text: '井盖没了 <script>alert("x")</script> & 危险' }] }),
    newOrder(ctx, { category: 'road', sub_item: 'road.pothole', district: '南山区', street: null }),
    newOrder(ctx, { category: 'noise', sub_item: null, district: null, street: null, place: null }),
  ];
  transitionWorkOrder(ctx, { number: orders[1]!, to: 'accepted', actor: { kind: 'system', name: 't' } });
  transitionWorkOrder(ctx, { number: orders[1]!, to: 'resolved', note: '已修补', actor: { kind: 'system', name: 't' } });
});
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
});

describe('Open311 GeoReport v2', () => {
  it('our field lists are the spec\'s', () => {
    expect([...REQUEST_FIELDS]).toEqual(SPEC_REQUEST_FIELDS);
    expect([...SERVICE_FIELDS]).toEqual(SPEC_SERVICE_FIELDS);
  });

  it('serves services in JSON and XML with the spec fields', async () => {
    const json = await api(app.baseUrl, key, 'GET', '/open311/v2/services.json');
    expect(json.status).toBe(200);
    for (const s of json.body) expect(Object.keys(s).sort()).toEqual([...SPEC_SERVICE_FIELDS].sort());
    expect(json.body).toContainEqual(expect.objectContaining({ service_code: 'municipal', service_name: '市政公用' }));
    expect(json.body).toContainEqual(expect.objectContaining({ service_code: 'municipal.manhole', service_name: '井盖缺失破损', group: '市政公用' }));
    const xml = await api(app.baseUrl, key, 'GET', '/open311/v2/services.xml');
    expect(xml.headers.get('content-type')).toMatch(/^application\/xml; charset=utf-8/);
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>/);
    const doc = parser.parse(xml.body);
    expect(doc.services.service.length).toBe(json.body.length);
    for (const s of doc.services.service) expect(Object.keys(s).sort()).toEqual([...SPEC_SERVICE_FIELDS].sort());
  });

  it('serves requests with the spec fields, W3C dates and agency_responsible = department, in both formats', async () => {
    const json = await api(app.baseUrl, key, 'GET', '/open311/v2/requests.json');
    expect(json.body).toHaveLength(3);
    for (const r of json.body) {
      expect(Object.keys(r)).toEqual(SPEC_REQUEST_FIELDS);
      expect(r.requested_datetime).toMatch(W3C);
      expect(r.updated_datetime).toMatch(W3C);
    }
    const pothole = json.body.find((r: { service_request_id: string }) => r.service_request_id === orders[1]);
    expect(pothole).toMatchObject({ status: 'closed', service_code: 'road.pothole', agency_responsible: '深圳市交通运输局南山管理局', status_notes: '已修补', lat: expect.any(Number), expected_datetime: null });
    const noise = json.body.find((r: { service_request_id: string }) => r.service_request_id === orders[2]);
    expect(noise).toMatchObject({ status: 'open', lat: null, long: null, address: '深圳市', agency_responsible: '深圳市生态环境局' });

    const xml = await api(app.baseUrl, `${key}`, 'GET', '/open311/v2/requests.xml');
    expect(xml.body).not.toContain('<script>');
    const doc = parser.parse(xml.body);
    expect(doc.service_requests.request).toHaveLength(3);
    for (const r of doc.service_requests.request) {
      expect(Object.keys(r)).toEqual(SPEC_REQUEST_FIELDS);
      expect(r.requested_datetime).toMatch(W3C);
    }
    const manhole = doc.service_requests.request.find((r: { service_request_id: string }) => r.service_request_id === orders[0]);
    expect(manhole.description).toContain('<script>alert("x")</script> & 危险'); // escaped on the wire, intact after parsing
  });

  it('applies the spec filters', async () => {
    const ids = async (qs: string) => ((await api(app.baseUrl, key, 'GET', `/open311/v2/requests.json?${qs}`)).body as { service_request_id: string }[]).map((r) => r.service_request_id).sort();
    expect(await ids('status=closed')).toEqual([orders[1]]);
    expect(await ids('status=open')).toEqual([orders[0], orders[2]].sort());
    expect(await ids('service_code=road,noise')).toEqual([orders[1], orders[2]].sort());
    expect(await ids('service_code=municipal.manhole')).toEqual([orders[0]]);
    expect(await ids(`service_request_id=${orders[2]},${orders[0]}&status=closed`)).toEqual([orders[0], orders[2]].sort());
    expect(await ids('start_date=2000-01-01T00:00:00Z&end_date=2000-12-31T00:00:00%2B08:00')).toEqual([]);
    expect(await ids(`start_date=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`)).toHaveLength(3);
    const one = await api(app.baseUrl, key, 'GET', `/open311/v2/requests/${orders[0]}.xml`);
    expect(parser.parse(one.body).service_requests.request).toHaveLength(1);
    const oneJson = await api(app.baseUrl, undefined, 'GET', `/open311/v2/requests/${orders[0]}.json?api_key=${key}`);
    expect(oneJson.body[0].service_request_id).toBe(orders[0]);
  });

  it('answers errors in the spec shape', async () => {
    const bad = await api(app.baseUrl, key, 'GET', '/open311/v2/requests.json?start_date=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body[0]).toMatchObject({ code: 400, description: expect.stringContaining('start_date') });
    const missing = await api(app.baseUrl, key, 'GET', '/open311/v2/requests/GD20000101-000001.xml');
    expect(missing.status).toBe(404);
    expect(parser.parse(missing.body).errors.error[0].code).toBe('404');
    const anon = await api(app.baseUrl, undefined, 'GET', '/open311/v2/services.json');
    expect(anon.status).toBe(401);
    expect(anon.body[0].code).toBe(401);
    expect((await api(app.baseUrl, key, 'GET', '/open311/v2/requests.json?status=pending')).status).toBe(400);
  });
});
