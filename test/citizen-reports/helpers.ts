import type { AppContext } from '../../src/context.js';
import { citizenReportByRef } from '../../src/storage/citizen-reports.js';
import { leadIdOfPost } from '../../src/storage/leads.js';
import { reportForm } from './fixtures.js';

/** A fresh form token, as the page gets one when it loads. */
export async function formToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/public/reports/form`);
  return ((await res.json()) as { form_token: string }).form_token;
}

export interface Sent {
  status: number;
  body: any;
  headers: Headers;
}

/** Sends a report as the page does (multipart, no cookie), with a fresh token unless one is given. */
export async function sendReport(baseUrl: string, fields: Record<string, string>, files: { name: string; bytes: Uint8Array; type?: string }[] = [], headers: Record<string, string> = {}): Promise<Sent> {
  const token = fields.form_token ?? (await formToken(baseUrl));
  const res = await fetch(`${baseUrl}/api/public/reports`, { method: 'POST', headers, body: reportForm({ ...fields, form_token: token }, files) });
  const text = await res.text();
  return { status: res.status, body: (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text, headers: res.headers };
}

/** The lead the pipeline filed the report's post in (the drain runs after the answer). */
export async function leadOfReport(ctx: AppContext, ref: string, timeoutMs = 15_000): Promise<number> {
  const report = citizenReportByRef(ctx.db, ref);
  if (!report) throw new Error(`no report ${ref}`);
  const until = Date.now() + timeoutMs;
  for (;;) {
    const lead = leadIdOfPost(ctx.db, report.post_id);
    if (lead !== undefined) return lead;
    if (Date.now() > until) throw new Error(`report ${ref} was not filed into a lead within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
