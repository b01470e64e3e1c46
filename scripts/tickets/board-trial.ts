/**
 * The shared real board messages (../shared/datasets/real-text/, read in place, never copied into
 * the repository) as a stand-in for a city's 12345 export: written as a hotline export in a temp
 * folder, imported through the real CLI into a demo store (posts crawled from the demo site), then
 * screened (过筛子), collided with the demo's leads, and summarised.
 *
 * Run: npx tsx scripts/tickets/board-trial.ts [--data-dir DIR] [--limit N]
 *
 * The board anonymised its places (西地省, A市, A3区…), so the engine places no ticket in Shenzhen and
 * no ticket can collide with a Shenzhen lead: the collision count says whether anything links
 * wrongly, not how well real pairs link (that is the labelled and blind samples' job).
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, limit: { type: 'string' } } });
const REAL = path.resolve(process.env.REAL_TEXT_DIR ?? '../shared/datasets/real-text');
const dir = values['data-dir'] ?? mkdtempSync(path.join(tmpdir(), 'civic-radar-board-trial-'));
const limit = Number(values.limit ?? Infinity);
const cli = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const log = (s: string) => process.stderr.write(`${s}\n`);

interface BoardMessage { id: string; title: string; text: string; label: string | null; time?: string; official_reply?: string }

async function* messages(file: string): AsyncGenerator<BoardMessage> {
  for await (const line of createInterface({ input: createReadStream(file) })) if (line.trim()) yield JSON.parse(line) as BoardMessage;
}

// 1. A demo store: the demo site crawled, its posts judged and filed as leads.
if (!existsSync(path.join(dir, 'civic-radar.sqlite'))) {
  log(`demo store in ${dir}`);
  cli('demo', '--data-dir', dir);
}

// 2. The board as a hotline export (the demo hotline's mapping: rules/ticket-sources/demo-hotline.yaml).
//    The labelled part has no time: it gets 2019-01-01 00:00, said here so nobody reads it as real.
const exportFile = path.join(dir, 'board-export.jsonl');
const lines: string[] = [];
for (const file of ['civic-messages-unlabelled.jsonl', 'civic-messages-labelled.jsonl']) {
  for await (const m of messages(path.join(REAL, file))) {
    if (lines.length >= limit) break;
    lines.push(JSON.stringify({
      工单编号: m.id, 受理时间: m.time ?? '2019/1/1 0:00', 标题: m.title || null, 诉求内容: m.text,
      诉求类别: m.label && m.label !== 'None' ? m.label : null, 答复内容: m.official_reply ?? null,
    }));
  }
}
writeFileSync(exportFile, lines.join('\n') + '\n');
log(`${lines.length} board messages written as a hotline export`);

// 3. Import (with the engine's reading), screening topics, collision: the real commands.
const t0 = Date.now();
const imported = JSON.parse(cli('tickets', 'import', exportFile, '--source', 'demo-hotline').trim().split('\n').at(-1)!) as Record<'read' | 'inserted' | 'updated' | 'unchanged' | 'rejected', number>;
const importSeconds = (Date.now() - t0) / 1000;
const reimported = JSON.parse(cli('tickets', 'import', exportFile, '--source', 'demo-hotline').trim().split('\n').at(-1)!) as typeof imported;
cli('tickets', 'screen');
cli('tickets', 'collide', '--all');

// 4. What came out.
const db = new Database(path.join(dir, 'civic-radar.sqlite'), { readonly: true });
const all = <T>(sql: string) => db.prepare(sql).all() as T[];
const one = (sql: string) => db.prepare(sql).pluck().get() as number;
const out: string[] = [];
out.push(`# Board messages as a 12345 export (${new Date().toISOString().slice(0, 10)})`, '');
out.push(`- rows: ${imported.read}; inserted ${imported.inserted}, rejected ${imported.rejected}; ${importSeconds.toFixed(1)} s with the engine (${Math.round(imported.read / importSeconds)} rows/s, CLI start included)`);
out.push(`- the same file again: inserted ${reimported.inserted}, updated ${reimported.updated}, unchanged ${reimported.unchanged}`);
out.push(`- the engine read as a lead: ${one('SELECT count(*) FROM tickets WHERE is_lead = 1')} of ${one('SELECT count(*) FROM tickets')}; placed in a Shenzhen district: ${one('SELECT count(*) FROM tickets WHERE district IS NOT NULL')}`);
out.push('', '| board category | tickets | engine: lead | engine category (top 3) |', '|---|---:|---:|---|');
for (const r of all<{ c: string; n: number; leads: number }>(`SELECT coalesce(category_raw, '（无）') c, count(*) n, sum(is_lead = 1) leads FROM tickets GROUP BY 1 ORDER BY n DESC`)) {
  const top = all<{ category: string; n: number }>(`SELECT coalesce(category, '—') category, count(*) n FROM tickets WHERE coalesce(category_raw, '（无）') = '${r.c.replace(/'/g, "''")}' AND is_lead = 1 GROUP BY 1 ORDER BY n DESC LIMIT 3`);
  out.push(`| ${r.c} | ${r.n} | ${r.leads} | ${top.map((t) => `${t.category} ${t.n}`).join(', ')} |`);
}
out.push('', '| screening topic | hits |', '|---|---:|');
for (const r of all<{ topic: string; n: number }>('SELECT topic AS topic, count(*) n FROM ticket_leads GROUP BY 1 ORDER BY n DESC')) out.push(`| ${r.topic} | ${r.n} |`);
out.push('', `- demo leads: ${one('SELECT count(*) FROM leads')}; tickets linked to a lead: ${one('SELECT count(*) FROM ticket_links')}`);
process.stdout.write(out.join('\n') + '\n');
log(`store kept in ${dir}`);
