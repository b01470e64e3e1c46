import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDefinitionFile, loadDefinitions } from '../../src/crawl/loader.js';

const dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-defs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = `engine: cheerio
startUrls: ["https://x/s?q={city}&page={page}"]
keywords: { city: [深圳] }
pagination: { type: page, maxPages: 2 }
extract: { type: json, items: data.list, fields: { id: id, text: text } }
schedule: { cron: "*/5 * * * *" }
`;

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('crawler files', () => {
  it('every shipped file in crawlers/ is valid', () => {
    const { definitions, errors } = loadDefinitions(path.resolve('crawlers'));
    expect(errors.map((e) => e.message)).toEqual([]);
    expect(definitions.map((d) => d.name)).toEqual(expect.arrayContaining(['weibo-search', 'tieba-search', 'rsshub-keywords', 'discuz-city-forum', 'gov-message-board']));
    expect(definitions.find((d) => d.name === 'gov-message-board')!.engine).toBe('playwright');
  });

  it('a good file gets defaults and its platform key from the file name', () => {
    const def = loadDefinitionFile(write('My_Forum.yaml', good));
    expect(def.name).toBe('my_forum');
    expect(def.limits.maxConcurrency).toBe(2);
    expect(def.robots).toEqual({ respect: true });
    expect(def.cutoff.maxAgeHours).toBe(72);
  });

  it.each([
    ['engine: cheerio\n', 'startUrls'],
    [good.replace('engine: cheerio', 'engine: selenium'), 'engine'],
    [good.replace('*/5 * * * *', 'every five minutes'), 'schedule.cron'],
    [good.replace('fields: { id: id, text: text }', 'fields: { text: text }'), 'extract.fields.id'],
    [good.replace('fields: { id: id, text: text }', 'fields: { id: id, text: text, colour: x }'), 'extract.fields'],
    [good.replace('{city}', '{district}'), 'startUrls[0]'],
    [good.replace('&page={page}', ''), 'startUrls[0]'],
    [good + 'robots: { respect: false }\n', 'robots.reason'],
    [good + 'robots: { respect: false, reason: "x" }\n', 'robots.reason'],
    [good + 'limits: { maxConcurrency: 0 }\n', 'limits.maxConcurrency'],
    [good.replace('type: page, maxPages: 2', 'type: scroll'), 'pagination.type'],
    [good + 'extra: 1\n', ''],
    ['- just\n- a list\n', ''],
    ['engine: [unclosed\n', ''],
  ])('invalid file %# names the file and the field %s', (text, field) => {
    const file = write(`bad${Math.random().toString(36).slice(2)}.yaml`, text);
    let message = '';
    try {
      loadDefinitionFile(file);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(file);
    if (field) expect(message).toContain(`field "${field}"`);
    expect(message.length).toBeGreaterThan(file.length + 10);
  });

  it('a bad file in a directory is reported and the others still load; duplicate names are refused', () => {
    const sub = mkdtempSync(path.join(dir, 'set-'));
    writeFileSync(path.join(sub, 'a.yaml'), good);
    writeFileSync(path.join(sub, 'b.json'), JSON.stringify({ engine: 'cheerio' }));
    writeFileSync(path.join(sub, 'c.yaml'), `name: a\n${good}`);
    writeFileSync(path.join(sub, 'notes.txt'), 'ignored');
    const { definitions, errors } = loadDefinitions(sub);
    expect(definitions.map((d) => d.name)).toEqual(['a']);
    expect(errors).toHaveLength(2);
    expect(errors[1]!.message).toMatch(/already defined/);
  });
});
