import { SYSTEM } from '../../src/audit/actor.js';
import type { AppContext } from '../../src/context.js';
import { createApiKey, type ApiScope } from '../../src/downstream/api-keys.js';
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { insertLead, type LeadSpec } from '../workorders/fixtures.js';

export function newKey(ctx: AppContext, scopes: ApiScope[] = ['work_orders:read', 'work_orders:write'], name = '12345 平台'): string {
  return createApiKey(ctx.db, { name, scopes, actor: SYSTEM }).key;
}

export function newOrder(ctx: AppContext, spec: LeadSpec = {}): string {
  return confirmLead(ctx, { leadId: insertLead(ctx.db, spec), actor: SYSTEM }).number;
}

export async function api(baseUrl: string, key: string | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
}
