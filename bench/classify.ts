/**
 * Classify throughput on a large corpus: the rules alone and rules + model (the verdict the
 * pipeline uses), against a plain keyword scan over the same posts in the same run, and memory
 * while streaming through the real classify path. Run: npx tsx bench/classify.ts [posts=200000] [stream posts=same]
 *
 * The corpus replicates the labelled samples (spec + our own) with variations: place names,
 * numbers, emoji, hashtags, mentions, URLs, traditional characters, reposts, and padding.
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { classify } from '../src/engine/classify.js';
import { judge } from '../src/engine/judge.js';
import { loadShippedModel } from '../src/model/model-holder.js';
import { classifyPooled, defaultWorkers } from '../src/engine/classify-pool/pooled-stream.js';
import { loadEngine } from '../src/engine/engine.js';

const target = Number(process.argv[2] ?? 200_000);
const streamTarget = Number(process.argv[3] ?? target);
const root = path.resolve(import.meta.dirname, '..');
const seeds = [
  ...readFileSync(path.join(root, 'test/engine/fixtures/dev-posts.jsonl'), 'utf8').split('\n'),
  ...readFileSync(path.join(root, 'test/engine/fixtures/own-posts.jsonl'), 'utf8').split('\n'),
]
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { text: string }).text);

let seed = 42;
const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const places = ['南山', '福田区', '宝安西乡', '龙岗坂田', '龙华民治', '罗湖东门', '坪山', '光明凤凰', '盐田', '大鹏葵涌', '蛇口'];
const decorations = [
  (t: string) => `${t}😡😡`,
  (t: string) => `#深圳身边事# ${t}`,
  (t: string) => `@深圳城管 ${t}`,
  (t: string) => `${t} https://weibo.com/${Math.floor(rand() * 1e9)}`,
  (t: string) => `转发微博//@网友${Math.floor(rand() * 1000)}: ${t}`,
  (t: string) => t.replace(/[0-9一二三四五六七八九十]+/u, String(Math.floor(rand() * 30) + 1)),
  (t: string) => `${pick(places)}这边，${t}`,
  (t: string) => t.replace(/这边|附近/u, '那边'),
  (t: string) => `${t}${t.length < 60 ? ' 有没有人管管' : ''}`,
  (t: string) => t.replace(/楼|门|开|电/gu, (c) => ({ 楼: '樓', 门: '門', 开: '開', 电: '電' })[c] ?? c),
];
function corpusLine(i: number): string {
  let text = pick(seeds);
  for (let k = 0; k < 2; k++) text = pick(decorations)(text);
  return JSON.stringify({ id: `bench:${i}`, platform: 'weibo', text });
}

const dir = mkdtempSync(path.join(tmpdir(), 'civic-bench-'));
const file = path.join(dir, 'corpus.jsonl');
const lines: string[] = [];
for (let i = 0; i < target; i++) lines.push(corpusLine(i));
// the streaming file may be larger (1M posts): written in chunks so the bench itself stays small
writeFileSync(file, `${lines.join('\n')}\n`);
for (let i = target; i < streamTarget; i += 100_000) {
  const chunk: string[] = [];
  for (let k = i; k < Math.min(streamTarget, i + 100_000); k++) chunk.push(corpusLine(k));
  writeFileSync(file, `${chunk.join('\n')}\n`, { flag: 'a' });
}
const posts = lines.map((l) => JSON.parse(l) as { id: string; text: string });
lines.length = 0;
const chars = posts.reduce((n, p) => n + p.text.length, 0);
console.log(`corpus: ${posts.length} posts, ${(chars / posts.length).toFixed(0)} chars/post on average, ${(statSync(file).size / 1e6).toFixed(1)} MB`);

const engine = loadEngine(path.join(root, 'rules'), { city: '深圳' });
const model = loadShippedModel(path.join(root, 'rules'));
if (!model) throw new Error('no shipped model (rules/model/default.crm): run `npm run cli -- train --out rules/model/default.crm` first');
// Warm up (opencc dictionary, jieba, JIT).
for (let i = 0; i < 2000; i++) classify(posts[i]!, engine);
for (let i = 0; i < 2000; i++) judge(posts[i]!, engine, model);

// Baseline: the simplest engine one could write: does any of ~100 problem keywords occur?
const keywords = ['井盖', '路灯', '积水', '停水', '停电', '煤气', '燃气', '垃圾', '公厕', '小广告', '噪音', '扰民', '施工', '广场舞', '酒吧', 'KTV', '油烟', '污水', '偷排', '臭', '扬尘', '焚烧', '树', '绿化', '坑', '塌', '人行道', '盲道', '护栏', '红绿灯', '信号灯', '违停', '单车', '公交', '地铁', '拒载', '消防通道', '飞线', '充电', '安全出口', '灭火器', '着火', '冒烟', '承重墙', '违建', '裂缝', '掉下来', '工地', '摊贩', '占道', '广告牌', '拉客', '蟑螂', '老鼠', '过期', '假药', '无证', '跑路', '假货', '宰客', '退款', '欠薪', '工资', '社保', '电梯', '物业', '房东', '押金', '蚊子', '医院', '水箱', '网吧', '霸凌', '学校', '养老院', '无障碍', '补贴', '诈骗', '手机卡', '个人信息', '骚扰电话', '流浪狗', '投诉', '举报', '12345', '危险', '救命', '没人管', '报警', '漏水', '堵', '脏', '坏了', '不亮', '破损', '丢失', '倒', '吵', '味'];
function keywordScan(): number {
  let hits = 0;
  for (const p of posts) {
    for (const k of keywords) if (p.text.includes(k)) { hits++; break; }
  }
  return hits;
}
function classifyAll(): number {
  let leads = 0;
  for (const p of posts) if (classify(p, engine).is_lead) leads++;
  return leads;
}
function judgeAll(): number {
  let leads = 0;
  for (const p of posts) if (judge(p, engine, model).is_lead) leads++;
  return leads;
}
function time<T>(fn: () => T): { ms: number; result: T } {
  const t = performance.now();
  const result = fn();
  return { ms: performance.now() - t, result };
}
keywordScan();
const kw = time(keywordScan);
const cl = time(classifyAll);
const jm = time(judgeAll);
const rate = (ms: number) => Math.round(posts.length / (ms / 1000));
console.log(`keyword scan   : ${rate(kw.ms).toLocaleString()} posts/s (${kw.result} posts with a keyword)`);
console.log(`rules only     : ${rate(cl.ms).toLocaleString()} posts/s (${cl.result} leads)  ${(cl.ms / kw.ms).toFixed(1)}x the keyword scan's time`);
console.log(`rules + model  : ${rate(jm.ms).toLocaleString()} posts/s (${jm.result} leads)  ${(jm.ms / kw.ms).toFixed(1)}x the keyword scan's time, ${(jm.ms / cl.ms).toFixed(2)}x the rules alone (model ${model.version})`);

// Streaming: the real classify path (JSON Lines in, verdict lines out) with RSS samples.
posts.length = 0;
const rss: number[] = [];
const sink = new Writable({ highWaterMark: 1 << 16, write(_chunk, _enc, cb) { setImmediate(cb); } });
const t0 = performance.now();
const timer = setInterval(() => rss.push(process.memoryUsage().rss), 250);
const pool = { engine, model, rulesDir: path.join(root, 'rules'), city: '深圳' };
const stats = await classifyPooled(createReadStream(file), sink, { ...pool, workers: 1 });
clearInterval(timer);
const streamMs = performance.now() - t0;
const mb = (b: number) => `${(b / 1e6).toFixed(0)}`;
console.log(`stream, 1 thread   : ${stats.lines} lines, ${Math.round(stats.lines / (streamMs / 1000)).toLocaleString()} posts/s end to end (parse + rules + model + serialise)`);
const t1 = performance.now();
const pooled = await classifyPooled(createReadStream(file), new Writable({ highWaterMark: 1 << 16, write(_c, _e, cb) { setImmediate(cb); } }), { ...pool, workers: defaultWorkers() });
console.log(`stream, ${defaultWorkers()} workers : ${pooled.lines} lines, ${Math.round(pooled.lines / ((performance.now() - t1) / 1000)).toLocaleString()} posts/s end to end (the classify command's default)`);
console.log(`RSS MB while streaming (every 250 ms): ${rss.map(mb).join(' ')}`);
if (rss.length > 4) {
  const q = Math.floor(rss.length / 4);
  const early = rss.slice(q, 2 * q);
  const late = rss.slice(-q);
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`RSS second quarter avg ${mb(avg(early))} MB, last quarter avg ${mb(avg(late))} MB`);
}
rmSync(dir, { recursive: true, force: true });
