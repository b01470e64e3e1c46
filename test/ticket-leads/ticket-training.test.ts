/**
 * Tickets as training data: the category map (rules/ticket-training/category-map.yaml) validated at
 * load, hotline category paths and departments mapped (tables), the examples built from tickets in a
 * real SQLite file with the right labels and the skipped ones counted, a tiny model trained on them,
 * and `civic-radar train --tickets` reporting them.
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTicketCategoryMap } from '../../src/model/data/ticket-category-map.js';
import { departmentFamily, mapHotlineCategory, ticketExamples, type TicketExamples } from '../../src/model/data/ticket-examples.js';
import { BOARD_FAMILIES } from '../../src/model/data/board-families.js';
import { modelInput } from '../../src/model/model-input.js';
import { fitModel } from '../../src/model/train.js';
import { score } from '../../src/model/linear-model.js';
import { CATEGORY_CODES } from '../../src/domain/categories.js';
import { buildTrainingSet, DEFAULT_WEIGHTS } from '../../src/model/training-set.js';
import { ticketsForTraining } from '../../src/storage/ticket-training.js';
import { runCli } from '../helpers/cli-process.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { insertTicket } from '../helpers/ticket-fixtures.js';
import { rulesEngine, SMALL } from '../model/small-model.js';

const map = loadTicketCategoryMap(path.resolve('rules'));

describe('the category map', () => {
  it.each<[string, string | undefined]>([
    ['城市管理/市容环卫/垃圾清运', 'sanitation'],
    ['城市管理>市政设施>井盖', 'municipal'],
    ['市政设施', 'municipal'],
    ['环境保护-噪声污染-施工噪音', 'noise'],
    ['消费维权/预付卡', 'consumer'],
    ['城乡建设/未列出的小类/电动自行车充电', 'fire_safety'],
    ['政策咨询', 'not_lead'],
    ['其他/表扬', 'not_lead'],
    ['城乡建设/其他事项', undefined],
    ['', undefined],
  ])('%s → %s', (raw, expected) => {
    expect(mapHotlineCategory(map, raw)).toBe(expected);
  });

  it.each<[string | null, string | null, string | undefined]>([
    ['深圳市宝安区城市管理和综合执法局', null, '城乡建设'],
    ['区生态环境局', null, '环境保护'],
    [null, '经核查，已转交区市场监督管理局处理，后由区住建局跟进', '商贸旅游'],
    ['某某公司', '您好，您反映的问题已收悉', undefined],
    [null, null, undefined],
  ])('department %s / reply %s → family %s', (department, reply, family) => {
    expect(departmentFamily(map, department, reply)).toEqual(family && BOARD_FAMILIES[family]);
  });

  describe('refuses a broken map naming file and field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-catmap-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    it.each([
      ['a name mapped twice', 'categories:\n  - { category: road, hotline: [道路] }\n  - { category: traffic, hotline: [道路] }\n', /category-map\.yaml.*categories\[1\]\.hotline\[0\].*"道路" is mapped twice/s],
      ['an unknown category', 'categories:\n  - { category: roads, hotline: [道路] }\n', /categories\[0\]\.category.*expected one of/s],
      ['an unknown family', 'categories:\n  - { category: road, hotline: [道路] }\ndepartments:\n  - { family: 城建, names: [城管] }\n', /departments\[0\]\.family.*expected one of/s],
    ])('%s', (_name, yaml, message) => {
      mkdirSync(path.join(dir, 'ticket-training'), { recursive: true });
      writeFileSync(path.join(dir, 'ticket-training', 'category-map.yaml'), yaml);
      expect(() => loadTicketCategoryMap(dir)).toThrow(message);
    });
  });
});

describe('tickets as examples', () => {
  let ctx: TempContext;
  let examples: TicketExamples;
  const ids = {} as Record<'cover' | 'noise' | 'ask' | 'family' | 'path' | 'reply' | 'unknown' | 'unknown2' | 'none' | 'empty', number>;

  beforeAll(() => {
    ctx = tempContext();
    const add = (name: keyof typeof ids, t: Parameters<typeof insertTicket>[1]) => (ids[name] = insertTicket(ctx.db, { screenedAt: null, ...t }));
    add('cover', { title: '井盖缺失', text: '小区门口的井盖不见了，晚上很危险', categoryRaw: '城市管理/市政设施/井盖' });
    add('noise', { text: '工地半夜还在打桩，吵得睡不着', categoryRaw: '环境保护/噪声污染/施工噪音' });
    add('ask', { text: '请问公积金怎么提取', categoryRaw: '政策咨询' });
    add('family', { text: '路边有人占道摆摊卖水果', categoryRaw: '其他/其他事项', department: '龙岗区城市管理和综合执法局' });
    add('reply', { text: '药店卖过期药', categoryRaw: null, reply: '已转交区市场监督管理局核查处理' });
    add('path', { text: '小区门口的路面坑坑洼洼', categoryRaw: '城乡建设/其他事项' });
    add('unknown', { text: '想反映一个情况', categoryRaw: '其他/其他事项' });
    add('unknown2', { text: '还想反映一个情况', categoryRaw: '其他/其他事项' });
    add('none', { text: '没有分类的工单' });
    add('empty', { text: '   ', categoryRaw: '市政设施' });
    examples = ticketExamples(map, ticketsForTraining(ctx.db));
  });
  afterAll(() => ctx.cleanup());

  it('labels each ticket from its category, else a family in its path or its department, and counts the rest', () => {
    expect(examples.labelled.map((p) => [p.id, p.label.is_lead, p.label.category])).toEqual([
      [`ticket:${ids.cover}`, true, 'municipal'],
      [`ticket:${ids.noise}`, true, 'noise'],
      [`ticket:${ids.ask}`, false, null],
    ]);
    expect(examples.families.map((f) => [f.id, f.family])).toEqual([
      [`ticket:${ids.family}`, BOARD_FAMILIES['城乡建设']],
      [`ticket:${ids.reply}`, BOARD_FAMILIES['商贸旅游']],
      [`ticket:${ids.path}`, BOARD_FAMILIES['城乡建设']],
    ]);
    expect(examples.skipped).toEqual({ empty_text: 1, no_category: 1, unknown_category: 2 });
    expect(examples.unknownNames).toEqual({ '其他/其他事项': 2 });
  });

  it('go into the training set with those labels, and a tiny model trains on them', () => {
    const set = buildTrainingSet({ labelledDirs: [path.resolve('test/engine/fixtures')], realTextDir: null, weiboNegatives: 0, decisions: [], tickets: examples, weights: DEFAULT_WEIGHTS }, modelInput(rulesEngine()));
    const at = (id: number) => set.meta.findIndex((m) => m.id === `ticket:${id}`);
    expect(set.examples[at(ids.cover)]).toMatchObject({ lead: true, categories: ['municipal'], urgent: null, weight: DEFAULT_WEIGHTS.tickets });
    expect(set.texts[at(ids.cover)]).toBe('井盖缺失\n小区门口的井盖不见了，晚上很危险');
    expect(set.meta[at(ids.cover)]).toMatchObject({ set: 'tickets', kind: 'labelled' });
    expect(set.examples[at(ids.ask)]).toMatchObject({ lead: false, categories: null });
    expect(set.examples[at(ids.family)]).toMatchObject({ lead: true, categories: BOARD_FAMILIES['城乡建设'] });
    expect(set.meta[at(ids.family)]).toMatchObject({ set: 'tickets-family', kind: 'ticket-family' });
    expect(at(ids.unknown)).toBe(-1);
    expect(set.manifest.slice(-2)).toEqual([
      { source: 'hotline tickets with a mapped category', rows: 3, weight: 0.8 },
      { source: "hotline tickets by their department's family", rows: 3, weight: 0.8 },
    ]);
    expect(set.notes).toEqual([
      'hotline tickets skipped: 1 empty text, 1 no category, 2 unknown category',
      'hotline categories not in the map (most tickets first; add them to rules/ticket-training/category-map.yaml): 其他/其他事项 (2)',
    ]);
    // the same tiny model with and without the tickets (same seed): what they teach shows in its scores
    const withTickets = fitModel(set.examples, { ...SMALL, folds: 2 }).model;
    const without = fitModel(set.examples.filter((_e, i) => !set.meta[i]!.id.startsWith('ticket:')), { ...SMALL, folds: 2 }).model;
    const scored = (model: typeof without, id: number) => score(model, set.examples[at(id)]!.text, set.examples[at(id)]!.ruleTokens);
    const noiseP = (model: typeof without) => scored(model, ids.noise).probabilities[CATEGORY_CODES.indexOf('noise')]!;
    expect(noiseP(withTickets)).toBeGreaterThan(noiseP(without));
    expect(scored(withTickets, ids.ask).lead).toBeLessThan(scored(without, ids.ask).lead);
    const familyP = (model: typeof without) => BOARD_FAMILIES['城乡建设']!.reduce((sum, c) => sum + scored(model, ids.family).probabilities[CATEGORY_CODES.indexOf(c)]!, 0);
    expect(familyP(withTickets)).toBeGreaterThan(familyP(without));
  }, 120_000);

  it('civic-radar train --tickets reports them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-train-tickets-'));
    try {
      const labelled = path.join(dir, 'labelled');
      mkdirSync(labelled);
      copyFileSync(path.resolve('test/engine/fixtures/dev-posts.jsonl'), path.join(labelled, 'dev-posts.jsonl'));
      const rules = path.join(dir, 'rules');
      cpSync(path.resolve('rules'), rules, { recursive: true });
      rmSync(path.join(rules, 'model'), { recursive: true, force: true });
      rmSync(path.join(rules, 'corpus'), { recursive: true, force: true });
      const env = { DATA_DIR: ctx.dir, TRAINING_DIRS: labelled, REAL_TEXT_DIR: path.join(dir, 'none'), RULES_DIR: rules };
      const { code, stdout, stderr } = await runCli(['train', '--tickets', '--no-decisions', '--epochs', '1', '--json'], '', env);
      expect(code, stderr).toBe(0);
      const report = JSON.parse(stdout);
      expect(report.tickets).toEqual({ labelled: 3, families: 3, skipped: { empty_text: 1, no_category: 1, unknown_category: 2 }, unknownNames: { '其他/其他事项': 2 } });
      expect(report.sources).toContainEqual({ source: 'hotline tickets with a mapped category', rows: 3, weight: 0.8 });
      expect(report.metrics.sets.map((s: { set: string }) => s.set)).toContain('tickets');
      expect(stderr).toContain('train: hotline tickets skipped: 1 empty text, 1 no category, 2 unknown category');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
