import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import type { JsonSchema } from '../../crawl/definition-issues.js';
import { NotFoundError } from '../../errors.js';
import { exclusionsSchema, packSchema, signalsSchema, urgencySchema } from '../../engine/rules/schema.js';
import { textSha } from '../../files/text-sha.js';
import { SCREENING_TOPICS_FILE, screeningTopicsSchema } from '../../ticket-leads/screening-topics.js';

/**
 * The rule files an admin edits in the browser: every pack (packs/<category>.yaml) and the
 * exclusions, signals and urgency files, and the 过筛子 topics (screening-topics.yaml). A file is named by its key: the pack's file name without
 * .yaml, or exclusions / signals / urgency (no category has those names).
 */
export const RULE_KEY = /^[a-z][a-z0-9_]{0,62}$/;
const TOP_LEVEL: Record<string, { schema: z.ZodType; name: string; file?: string }> = {
  exclusions: { schema: exclusionsSchema, name: '排除规则' },
  signals: { schema: signalsSchema, name: '线索信号' },
  urgency: { schema: urgencySchema, name: '紧急程度' },
  // 过筛子 topics for hotline tickets (src/ticket-leads/): the same condition syntax, its own file name
  screening_topics: { schema: screeningTopicsSchema, name: '过筛子专题', file: SCREENING_TOPICS_FILE },
};
const topLevelFile = (key: string) => TOP_LEVEL[key]!.file ?? `${key}.yaml`;

export interface RuleFile {
  key: string;
  /** Path inside the rules folder (the versions' key), e.g. packs/noise.yaml. */
  file: string;
  yaml: string;
  sha: string;
  mtime: string;
}

/** The schema a rule file is read with. */
export function ruleSchemaOf(file: string): z.ZodType {
  return file.startsWith('packs/') ? packSchema : Object.entries(TOP_LEVEL).find(([key]) => topLevelFile(key) === file)![1].schema;
}

/** The editor's field help per kind of file (JSON Schema of the zod schema the loader uses). */
const jsonSchemas = new Map<z.ZodType, JsonSchema>();
export function ruleJsonSchema(file: string): JsonSchema {
  const schema = ruleSchemaOf(file);
  let json = jsonSchemas.get(schema);
  if (!json) jsonSchemas.set(schema, (json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema));
  return json;
}

function relativeFile(rulesDir: string, key: string): string | undefined {
  if (!RULE_KEY.test(key)) return undefined;
  if (existsSync(path.join(rulesDir, 'packs', `${key}.yaml`))) return `packs/${key}.yaml`;
  return TOP_LEVEL[key] && existsSync(path.join(rulesDir, topLevelFile(key))) ? topLevelFile(key) : undefined;
}

export function readRuleFile(rulesDir: string, key: string): RuleFile {
  const file = relativeFile(rulesDir, key);
  if (!file) throw new NotFoundError(`规则文件 ${key} 不存在（规则目录中没有 packs/${key}.yaml，也不是 ${Object.keys(TOP_LEVEL).join('、')}）`);
  const full = path.join(rulesDir, file);
  const yaml = readFileSync(full, 'utf8');
  return { key, file, yaml, sha: textSha(yaml), mtime: statSync(full).mtime.toISOString() };
}

/** Every editable file: packs first (by file name), then the top-level files. */
export function listRuleFiles(rulesDir: string): RuleFile[] {
  const packs = readdirSync(path.join(rulesDir, 'packs')).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.basename(f, '.yaml'));
  return [...packs.filter((k) => RULE_KEY.test(k)), ...Object.keys(TOP_LEVEL).filter((k) => existsSync(path.join(rulesDir, topLevelFile(k))))].map((k) => readRuleFile(rulesDir, k));
}

/** What the list shows of a file's text: its Chinese name and how many rules it has (nothing when it does not parse). */
export function ruleFileSummary(f: RuleFile): { name: string | null; rules: number | null } {
  const top = TOP_LEVEL[f.key];
  let raw: unknown;
  try {
    raw = YAML.parse(f.yaml);
  } catch {
    return { name: top?.name ?? null, rules: null };
  }
  const parsed = ruleSchemaOf(f.file).safeParse(raw);
  if (!parsed.success) return { name: top?.name ?? null, rules: null };
  const data = parsed.data as { name?: string; sub_items?: { rules: unknown[] }[]; rules?: unknown[]; calm?: unknown[]; topics?: { rules: unknown[] }[] };
  const nested = data.sub_items ?? data.topics;
  const rules = nested ? nested.reduce((n, s) => n + s.rules.length, 0) : (data.rules?.length ?? 0) + (data.calm?.length ?? 0);
  return { name: top?.name ?? data.name ?? null, rules };
}
