import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLead } from '../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, startApp, type RunningApp } from '../helpers/web-app.js';

let ctx: TempContext;
let app: RunningApp;
beforeAll(async () => {
  ctx = tempContext();
  await createUser(ctx, 'watcher', 'verifier');
  app = await startApp(ctx);
});
afterAll(async () => {
  await app.close();
  ctx.cleanup();
});

describe('GET /api/leads/events', () => {
  it('streams the counts at once and again when a lead arrives', async () => {
    const c = await login(app.baseUrl, 'watcher');
    const abort = new AbortController();
    const res = await fetch(`${app.baseUrl}/api/leads/events`, { headers: { cookie: c.cookie }, signal: abort.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextEvent = async () => {
      for (;;) {
        const m = /event: queue\ndata: (.*)\n\n/.exec(buffer);
        if (m) {
          buffer = buffer.slice(m.index + m[0].length);
          return JSON.parse(m[1]!) as { pending: number; maxLeadId: number };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    expect(await nextEvent()).toMatchObject({ pending: 0, maxLeadId: 0 });
    const { leadId } = insertLead(ctx.db, { posts: [{ text: '新线索：路面塌陷' }] });
    expect(await nextEvent()).toMatchObject({ pending: 1, maxLeadId: leadId });
    abort.abort();
  });

  it('needs a session', async () => {
    const res = await fetch(`${app.baseUrl}/api/leads/events`);
    expect(res.status).toBe(401);
  });
});
