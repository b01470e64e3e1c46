import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A phrase no shipped rule knows, and posts with it: a lead only once a rule adds it (to the noise pack). */
export const NEW_PHRASE = '嗡嗡怪响';
export const PHRASE_TEXT = `我们小区每天晚上都有${NEW_PHRASE}，希望有关部门来看看`;
/** The noise pack with a sub-item that adds NEW_PHRASE. */
export const withPhrase = (pack: string) => pack.replace(/sub_items:\n/, `sub_items:\n  - item: hum_test\n    name: 夜间怪响\n    rules:\n      - id: hum_phrase\n        weight: 2\n        any: [${NEW_PHRASE}]\n`);

/**
 * A temp copy of rules/ (the repository's rules are never modified) and a small labelled set: a post
 * with NEW_PHRASE labelled a noise lead, and two that are not leads.
 */
export function tempRules(hostile = '') {
  const root = mkdtempSync(path.join(tmpdir(), 'civic-radar-rules-test-'));
  const rulesDir = path.join(root, 'rules');
  cpSync(path.resolve('rules'), rulesDir, { recursive: true, filter: (src) => path.relative(path.resolve('rules'), src) !== 'corpus' });
  const labelled = path.join(root, 'labelled');
  mkdirSync(labelled);
  const label = (lead: boolean) => ({ is_lead: lead, category: lead ? 'noise' : null, urgency: lead ? 'normal' : null, district: null, street: null, place: null });
  const lines = [
    { id: 'm1', platform: 'weibo', text: `${hostile}${PHRASE_TEXT}`, label: label(true) },
    { id: 'm2', platform: 'weibo', text: '今天天气不错，去公园散步', label: label(false) },
    { id: 'm3', platform: 'weibo', text: '周末带孩子去图书馆看书', label: label(false) },
  ];
  writeFileSync(path.join(labelled, 'mini-01.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return {
    rulesDir,
    labelled,
    noise: () => readFileSync(path.join(rulesDir, 'packs', 'noise.yaml'), 'utf8'),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
