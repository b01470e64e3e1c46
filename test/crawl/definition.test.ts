import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDefinitionFile, loadDefinitions } from '../../src/crawl/loader.js';
import type { ConfigError } from '../../src/errors.js';

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
    // the examples for the real samples load too (and the scheduler never reads that folder)
    const examples = loadDefinitions(path.resolve('crawlers/examples'));
    expect(examples.errors.map((e) => e.message)).toEqual([]);
    expect(examples.definitions).toHaveLength(12);
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

  it.each([
    ['fields: { id: id, text: text }', 'fields: { id: 5, text: text }', 'extract.fields.id', 'expected a string (a JSON path or CSS selector), an object {selector, attr, path, regex, template, value, ...} or a list of those (fallbacks), received 5'],
    ['fields: { id: id, text: text }', 'fields: { id: { selecter: a }, text: text }', 'extract.fields.id', 'unknown key "selecter" (did you mean "selector"?); expected one of:'],
    ['type: json,', 'type: xml,', 'extract.type', 'expected type to be one of "json", "html", "feed", received "xml"'],
    ['engine: cheerio', 'engine: selenium', 'engine', 'expected one of "cheerio", "playwright", received "selenium"'],
    ['engine: cheerio', 'engine: cheerio\nlimits: { maxConcurrency: 0 }', 'limits.maxConcurrency', 'expected at least 1, received 0'],
    ['engine: cheerio', 'engine: cheerio\nrobots: { respect: false, reason: x }', 'robots.reason', 'say why robots.txt is not followed (at least 10 characters); expected at least 10 character(s), received "x"'],
    ['engine: cheerio', 'engine: cheerio\nrobots: { respect: false }', 'robots.reason', 'expected a string, received nothing (the key is missing)'],
    ['engine: cheerio', 'engine: cheerio\ncutoff: { maxAgeHours: "72" }', 'cutoff.maxAgeHours', 'expected a number, received "72"'],
  ])('messages say what was expected and what was received: %# %s', (from, to, field, message) => {
    let error: ConfigError | undefined;
    try {
      loadDefinitionFile(write(`msg${Math.random().toString(36).slice(2)}.yaml`, good.replace(from, to)));
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error!.issues[0]).toEqual({ field, message: expect.stringContaining(message) });
    expect(error!.message).toContain(`field "${field}": ${message}`);
  });

  it('every problem of a file is reported, each with its field', () => {
    let error: ConfigError | undefined;
    try {
      loadDefinitionFile(write('many.yaml', good.replace('engine: cheerio', 'engine: selenium').replace('*/5 * * * *', 'soon') + 'colour: red\n'));
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error!.issues.map((i) => i.field)).toEqual(['engine', 'schedule.cron', '']);
    expect(error!.issues[2]!.message).toMatch(/^unknown key "colour"; expected one of: name, displayName/);
    expect(error!.message).toMatch(/field "engine": expected one of .*; field "schedule\.cron": not a valid cron expression.*; field "": unknown key "colour"/);
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
    expect(loadDefinitions(sub).invalid.map((i) => i.platform)).toEqual(['b', 'a']); // still named: lists keep them with their error
  });
});
