import { XMLBuilder } from 'fast-xml-parser';
import { CATEGORIES, CATEGORY_CODES, type Category } from '../domain/categories.js';
import type { WorkOrderEventRow, WorkOrderRow } from '../storage/work-orders.js';
import { subItemCatalogue } from '../workorders/sub-item-catalogue.js';
import { districtCoordinates } from './district-coordinates.js';
import { xmlChars } from './xml-chars.js';

/** Open311 GeoReport v2 field lists (wiki.open311.org/GeoReport_v2), in the spec's order. */
export const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'] as const;
export const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
] as const;

type Service311 = Record<(typeof SERVICE_FIELDS)[number], string | boolean>;
type Request311 = Record<(typeof REQUEST_FIELDS)[number], string | number | null>;

/** W3C date-time with the jurisdiction's offset (Shenzhen: +08:00, no daylight saving). */
export function w3cDate(iso: string | null): string | null {
  if (!iso) return null;
  const shifted = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 19)}+08:00`;
}

/** Services = categories plus the rule packs' sub-items (grouped under their category). */
export function services311(rulesDir: string): Service311[] {
  const out: Service311[] = CATEGORY_CODES.map((code) => ({
    service_code: code, service_name: CATEGORIES[code], description: `${CATEGORIES[code]}（大类）`, metadata: false, type: 'realtime', keywords: '', group: CATEGORIES[code],
  }));
  for (const item of subItemCatalogue(rulesDir).values()) {
    const group = CATEGORIES[item.category as Category] ?? item.category;
    out.push({ service_code: item.id, service_name: item.name, description: `${group} / ${item.name}`, metadata: false, type: 'realtime', keywords: '', group });
  }
  return out;
}

const CLOSED = new Set(['resolved', 'closed']);

export function request311(o: WorkOrderRow, history: readonly WorkOrderEventRow[], rulesDir: string, city: string): Request311 {
  const serviceName = (o.sub_item && subItemCatalogue(rulesDir).get(o.sub_item)?.name) || (CATEGORIES[o.category as Category] ?? o.category);
  const lastNote = [...history].reverse().find((e) => e.note)?.note ?? null;
  const coords = districtCoordinates(o.district);
  return {
    service_request_id: o.number,
    status: CLOSED.has(o.status) ? 'closed' : 'open',
    status_notes: lastNote,
    service_name: serviceName,
    service_code: o.sub_item ?? o.category,
    description: o.description,
    agency_responsible: o.department,
    service_notice: o.due_at ? `${o.department} 处理中，本环节时限 ${w3cDate(o.due_at)}` : null,
    requested_datetime: w3cDate(o.created_at),
    updated_datetime: w3cDate(o.updated_at),
    expected_datetime: w3cDate(o.due_at),
    address: [`${city}市`.replace(/市市$/, '市'), o.district, o.street, o.place].filter(Boolean).join('') || null,
    address_id: null,
    zipcode: null,
    lat: coords?.lat ?? null,
    long: coords?.lon ?? null,
    media_url: null,
  };
}

// Every text value passes through xmlChars before escaping, so no stored text can break a document.
const builder = new XMLBuilder({
  format: true, suppressEmptyNode: false, processEntities: true,
  tagValueProcessor: (_name, value) => (typeof value === 'string' ? xmlChars(value) : value),
});
const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>\n';

function xmlValue(v: string | number | boolean | null): string | number | boolean {
  return v === null ? '' : v;
}

export function servicesXml(items: Service311[]): string {
  return XML_DECL + builder.build({ services: { service: items.map((s) => Object.fromEntries(SERVICE_FIELDS.map((f) => [f, xmlValue(s[f])]))) } });
}

export function requestsXml(items: Request311[]): string {
  return XML_DECL + builder.build({ service_requests: { request: items.map((r) => Object.fromEntries(REQUEST_FIELDS.map((f) => [f, xmlValue(r[f])]))) } });
}

/** The spec's error shape: [{code, description}] / <errors><error>…</error></errors>. */
export function errors311(code: number, description: string, format: 'json' | 'xml'): string | object {
  return format === 'json' ? [{ code, description }] : XML_DECL + builder.build({ errors: { error: [{ code, description }] } });
}
