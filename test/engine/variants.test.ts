import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/engine/classify.js';
import { loadEngine } from '../../src/engine/engine.js';
import { normalise, originalSpan } from '../../src/engine/text/normalise.js';
import { VariantTable } from '../../src/engine/text/variants.js';
import { platformLocality } from '../../src/leads/platform-locality.js';

const engine = loadEngine(path.resolve('rules'), { city: '深圳' });

describe('written Cantonese and variants (rules/variants.yaml)', () => {
  it.each([
    ['grammar words', '條街冇燈，佢哋話唔關事', '条街没有灯,他们话不关事'],
    ['a longer entry wins over a shorter one', '系唔系要等人跌落去', '是不是要等人掉下去'],
    ['a word protected by its own entry keeps 系', '關係唔大', '关系不大'],
    ['traditional forms are compared after conversion', '呢度嘅渠臭咗成個禮拜', '这里的渠臭了成个礼拜'],
    ['abbreviations', 'sz的wy真的不管', '深圳的物业真的不管'],
    ['nothing to rewrite: the same text', '今天天气不错', '今天天气不错'],
  ])('%s', (_n, input, expected) => {
    expect(normalise(input, engine.variants).text).toBe(expected);
  });

  it('offsets still point into the stored text when a rewrite changes the length', () => {
    const stored = '樓下冇水三日喇，井蓋都冇咗';
    const n = normalise(stored, engine.variants);
    const at = n.text.indexOf('井盖');
    const [s, e] = originalSpan(n, at, at + 2);
    expect(stored.slice(s, e)).toBe('井蓋');
    expect(n.map.length).toBe(n.text.length + 1);
  });

  it('rule phrases are rewritten the same way, so a rule written in Cantonese still fires', () => {
    const table = new VariantTable({ 冇: '没有' });
    expect(table.applyString('冇水')).toBe('没有水');
    // the same post in Mandarin and in written Cantonese gets the same verdict
    const mandarin = classify({ id: 'a', text: '宝安西乡这边井盖不见了，没有人管，好危险' }, engine);
    const cantonese = classify({ id: 'b', text: '宝安西乡呢度井蓋唔見咗，冇人理，好危險' }, engine);
    expect(mandarin.is_lead).toBe(true);
    expect(cantonese.is_lead).toBe(true);
    expect(cantonese.category).toBe(mandarin.category);
  });

  it('a bad variants file is refused naming the file and the field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'civic-variants-'));
    try {
      cpSync(path.resolve('rules'), dir, { recursive: true });
      writeFileSync(path.join(dir, 'variants.yaml'), 'variants:\n  咗: [了]\n');
      expect(() => loadEngine(dir, { city: '深圳' })).toThrow(/variants\.yaml.*variants/s);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('platform locality from crawler files', () => {
  it('reads `local: true` and notices a changed folder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'civic-local-'));
    try {
      const file = (name: string, local: boolean) =>
        writeFileSync(path.join(dir, `${name}.yaml`), `engine: cheerio\nlocal: ${local}\nstartUrls: ["https://bbs.example.cn/"]\nextract: { type: html, items: ".post", fields: { id: { selector: "", attr: "data-id" }, text: ".content" } }\nschedule: { cron: "*/10 * * * *" }\n`);
      file('city-board', true);
      file('weibo-search', false);
      const isLocal = platformLocality(dir, 0);
      expect(isLocal('city-board')).toBe(true);
      expect(isLocal('weibo-search')).toBe(false);
      expect(isLocal('unknown')).toBe(false);
      file('weibo-search', true);
      expect(isLocal('weibo-search')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
