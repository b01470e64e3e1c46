import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { definitionIssues } from '../../crawl/definition-issues.js';
import { loadEngine, type Engine } from '../../engine/engine.js';
import { ConfigError } from '../../errors.js';
import { writeFileAtomic } from '../../files/atomic-write.js';
import { RejectedText } from '../../files/rejected-text.js';
import { placeIssues, syntaxIssues, type PlacedIssue } from '../../files/issue-positions.js';
import { loadScreeningTopics, SCREENING_TOPICS_FILE } from '../../ticket-leads/screening-topics.js';
import { ruleJsonSchema, ruleSchemaOf } from './rule-files.js';

/** An editor's text of a rule file checked against the loader's schema, every problem placed (fast: run as it is typed). */
export function checkRuleText(text: string, file: string): PlacedIssue[] {
  const syntax = syntaxIssues(text);
  if (syntax.length > 0) return syntax;
  const raw: unknown = YAML.parse(text);
  const parsed = ruleSchemaOf(file).safeParse(raw);
  return parsed.success ? [] : placeIssues(text, definitionIssues(parsed.error.issues, raw, ruleJsonSchema(file)));
}

/** A rule text refused for what it says; nothing was written and the running rules stay. */
export class RejectedRules extends RejectedText {
  constructor(issues: PlacedIssue[]) {
    super('规则文件', '未启用', issues);
  }
}

/**
 * The whole engine (and the 过筛子 topics) as it would load with `text` as `file` (what the schema
 * alone cannot see: duplicate ids, bad regular expressions, unknown word lists, unknown sub-items): the rules folder copied to a temp
 * folder with the edit in place. ~1 s: run it off the web thread (rule-trial.ts).
 */
export function loadCandidate(rulesDir: string, file: string, text: string, city: string): { engine: Engine } | { issues: PlacedIssue[] } {
  const issues = checkRuleText(text, file);
  if (issues.length > 0) return { issues };
  const dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-rules-'));
  try {
    // the labelled corpus and the model are not rules: not copied
    cpSync(rulesDir, dir, { recursive: true, filter: (src) => !['corpus', 'model'].includes(path.relative(rulesDir, src)) });
    writeFileAtomic(path.join(dir, file), text);
    const engine = loadEngine(dir, { city });
    // the 过筛子 topics share the packs' sub-items and word lists: an edit of either must leave them loadable
    if (existsSync(path.join(dir, SCREENING_TOPICS_FILE))) loadScreeningTopics(dir);
    return { engine };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const own = err.file === path.join(dir, file);
    // "sub_items[0].rules[1] (id x).any": the path without the rule's id, to place it in the text
    const field = own ? (err.field ?? '').replace(/ \(id [^)]*\)/g, '') : '';
    const message = own ? err.message.replace(`${err.file}: `, '').replace(/^field "[^"]*": /, '') : err.message.replaceAll(dir, 'rules');
    return { issues: placeIssues(text, [{ field, message }]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
