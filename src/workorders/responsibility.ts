import { renameSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { CATEGORIES, CATEGORY_CODES, type Category } from '../domain/categories.js';
import { ConfigError, ConflictError, ValidationError } from '../errors.js';
import { subItemCatalogue } from './sub-item-catalogue.js';

/**
 * The responsibility list (责任清单) in rules/responsibility.yaml: which department a work order
 * goes to. The YAML file is the source of truth (reviewable in git, one place for operators);
 * admins edit it through the API, which validates and replaces it atomically.
 */
const id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a lower-case id like "urban_management"');
const departmentSchema = z
  .object({
    id,
    name: z.string().min(2).max(80),
    citywide: z.string().min(2).max(80).optional(),
    otherwise: id.optional(),
  })
  .strict();
const routeSchema = z
  .object({
    category: z.enum(CATEGORY_CODES),
    sub_item: z.string().regex(/^[a-z_]+\.[a-z0-9_]+$/, 'expected "<category>.<item>" like "municipal.manhole"').optional(),
    district: z.string().min(2).optional(),
    department: id,
  })
  .strict();
export const responsibilitySchema = z
  .object({
    version: z.literal(1),
    districts: z.record(z.string().min(2), z.string().min(1)),
    fallback: id,
    departments: z.array(departmentSchema).min(1),
    routes: z.array(routeSchema),
  })
  .strict()
  .superRefine((list, ctx) => {
    const ids = new Set<string>();
    list.departments.forEach((d, i) => {
      if (ids.has(d.id)) ctx.addIssue({ code: 'custom', path: ['departments', i, 'id'], message: `duplicate department id "${d.id}"` });
      ids.add(d.id);
      if (/\{(district|short)\}/.test(d.name) && !d.citywide && !d.otherwise)
        ctx.addIssue({ code: 'custom', path: ['departments', i], message: 'a name with {district}/{short} needs `citywide` or `otherwise` for orders without a district' });
      if (/\{street\}/.test(d.name) && !d.otherwise)
        ctx.addIssue({ code: 'custom', path: ['departments', i], message: 'a name with {street} needs `otherwise` for orders without a street' });
    });
    list.departments.forEach((d, i) => {
      if (d.otherwise && !ids.has(d.otherwise)) ctx.addIssue({ code: 'custom', path: ['departments', i, 'otherwise'], message: `unknown department "${d.otherwise}"` });
    });
    if (!ids.has(list.fallback)) ctx.addIssue({ code: 'custom', path: ['fallback'], message: `unknown department "${list.fallback}"` });
    const seen = new Set<string>();
    list.routes.forEach((r, i) => {
      if (!ids.has(r.department)) ctx.addIssue({ code: 'custom', path: ['routes', i, 'department'], message: `unknown department "${r.department}"` });
      if (r.sub_item && !r.sub_item.startsWith(`${r.category}.`))
        ctx.addIssue({ code: 'custom', path: ['routes', i, 'sub_item'], message: `sub_item "${r.sub_item}" does not belong to category "${r.category}"` });
      if (r.district && !(r.district in list.districts))
        ctx.addIssue({ code: 'custom', path: ['routes', i, 'district'], message: `unknown district "${r.district}"; expected one of ${Object.keys(list.districts).join(', ')}` });
      const key = `${r.category}|${r.sub_item ?? ''}|${r.district ?? ''}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['routes', i], message: 'duplicate route (same category, sub_item and district)' });
      seen.add(key);
    });
  });

export type ResponsibilityList = z.infer<typeof responsibilitySchema>;

export interface RouteInput {
  category: string;
  sub_item?: string | null;
  district?: string | null;
  street?: string | null;
}

export interface Routing {
  departmentId: string;
  department: string;
  /** Which route matched, for the history: "municipal.manhole", "city_order@福田区", "fallback". */
  matched: string;
}

/** Validates a list; with `subItems` (the rule packs' catalogue) a route naming an unknown sub-item is refused. */
export function parseResponsibility(value: unknown, subItems?: ReadonlyMap<string, unknown>): ResponsibilityList {
  const result = responsibilitySchema.safeParse(value);
  if (result.success) {
    if (subItems && subItems.size > 0) {
      result.data.routes.forEach((r, i) => {
        if (r.sub_item && !subItems.has(r.sub_item))
          throw new ValidationError(`unknown sub_item "${r.sub_item}"; the rule packs in rules/packs/ define the sub-items`, `routes.${i}.sub_item`);
      });
    }
    return result.data;
  }
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') throw new ValidationError(`unknown field(s): ${issue.keys.join(', ')}`, field || undefined);
  throw new ValidationError(issue.message, field || undefined);
}

/**
 * A district typed by a person must be one of the jurisdiction's: an unknown one would route the
 * order city-wide and never show on the district's lists. Null (not known yet) is allowed.
 */
export function checkDistrict(list: ResponsibilityList, district: string | null | undefined, field: string): void {
  if (district && !(district in list.districts))
    throw new ValidationError(`区「${district}」不在本辖区内；应为以下之一：${Object.keys(list.districts).join('、')}（不清楚可留空）`, field);
}

/** Chooses the most specific route and resolves the department's name for the order's place. */
export function routeOrder(list: ResponsibilityList, input: RouteInput): Routing {
  const district = knownDistrict(list, input);
  const best = bestRoute(list, input);
  const departmentId = best?.department ?? list.fallback;
  const matched = best ? `${best.sub_item ?? best.category}${best.district ? `@${best.district}` : ''}` : 'fallback';
  return { departmentId, department: departmentName(list, departmentId, district, input.street ?? null), matched };
}

/** The route that decided, in words for the history: 事项「井盖缺失」、福田区 / 分类「市政公用」 / 兜底部门. */
export function routeBasis(rulesDir: string, list: ResponsibilityList, input: RouteInput): string {
  const best = bestRoute(list, input);
  if (!best) return '兜底部门';
  const what = best.sub_item ? `事项「${subItemName(rulesDir, best.sub_item) ?? best.sub_item}」` : `分类「${CATEGORIES[best.category as Category] ?? best.category}」`;
  return best.district ? `${what}、${best.district}` : what;
}

const knownDistrict = (list: ResponsibilityList, input: RouteInput) => (input.district && input.district in list.districts ? input.district : null);

/** The most specific matching route: a sub-item beats a category, a district breaks ties. */
function bestRoute(list: ResponsibilityList, input: RouteInput) {
  const district = knownDistrict(list, input);
  const candidates = list.routes.filter(
    (r) => r.category === input.category && (!r.sub_item || r.sub_item === input.sub_item) && (!r.district || r.district === district),
  );
  const rank = (r: (typeof list.routes)[number]) => (r.sub_item ? 2 : 0) + (r.district ? 1 : 0);
  return candidates.sort((a, b) => rank(b) - rank(a))[0];
}

export function departmentName(list: ResponsibilityList, departmentId: string, district: string | null, street: string | null, depth = 0): string {
  const dept = list.departments.find((d) => d.id === departmentId);
  if (!dept || depth > 5) return departmentName(list, list.fallback, district, street, 99);
  const needsStreet = dept.name.includes('{street}');
  const needsDistrict = /\{(district|short)\}/.test(dept.name);
  if ((needsStreet && !street) || (needsDistrict && !district)) {
    if (needsDistrict && !district && dept.citywide) return dept.citywide;
    return departmentName(list, dept.otherwise ?? list.fallback, district, street, depth + 1);
  }
  return dept.name
    .replaceAll('{district}', district ?? '')
    .replaceAll('{short}', district ? (list.districts[district] ?? district) : '')
    .replaceAll('{street}', street ?? '');
}

/** Every concrete department name the list can produce (for pickers and to validate a reassignment). */
export function allDepartments(list: ResponsibilityList): { id: string; name: string; district: string | null }[] {
  const out = new Map<string, { id: string; name: string; district: string | null }>();
  for (const d of list.departments) {
    if (d.name.includes('{street}')) continue; // street offices are named per street; see departmentName
    if (/\{(district|short)\}/.test(d.name)) {
      if (d.citywide) out.set(d.citywide, { id: d.id, name: d.citywide, district: null });
      for (const district of Object.keys(list.districts)) {
        const name = departmentName(list, d.id, district, null);
        if (!out.has(name)) out.set(name, { id: d.id, name, district });
      }
    } else out.set(d.name, { id: d.id, name: d.name, district: null });
  }
  return [...out.values()];
}

export function subItemName(rulesDir: string, subItem: string | null | undefined): string | null {
  return subItem ? (subItemCatalogue(rulesDir).get(subItem)?.name ?? null) : null;
}

export function isCategory(value: string): value is Category {
  return (CATEGORY_CODES as readonly string[]).includes(value);
}

// ---- the file ----

export function responsibilityFile(rulesDir: string): string {
  return path.resolve(rulesDir, 'responsibility.yaml');
}

interface Cached {
  file: string;
  mtimeMs: number;
  size: number;
  list: ResponsibilityList;
  etag: string;
}
let cache: Cached | undefined;

/** Loads (and caches by mtime) the list; a broken file is a ConfigError naming file and field. */
export function loadResponsibility(rulesDir: string): { list: ResponsibilityList; etag: string } {
  const file = responsibilityFile(rulesDir);
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new ConfigError('responsibility list not found; restore rules/responsibility.yaml from git', file);
  }
  if (cache && cache.file === file && cache.mtimeMs === stat.mtimeMs && cache.size === stat.size) return cache;
  const text = readFileSync(file, 'utf8');
  let list: ResponsibilityList;
  try {
    list = parseResponsibility(YAML.parse(text), subItemCatalogue(rulesDir));
  } catch (err) {
    if (err instanceof ValidationError) throw new ConfigError(err.field ? err.message.slice(err.field.length + 2) : err.message, file, err.field);
    throw new ConfigError(`not valid YAML: ${(err as Error).message}`, file);
  }
  cache = { file, mtimeMs: stat.mtimeMs, size: stat.size, list, etag: etagOf(text) };
  return cache;
}

function etagOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * Validates and replaces the file atomically (write a temp file, then rename over the old one, so a
 * reader never sees half a file). `expectedEtag` guards against overwriting another admin's edit.
 */
export function saveResponsibility(rulesDir: string, value: unknown, expectedEtag?: string): { list: ResponsibilityList; etag: string } {
  const list = parseResponsibility(value, subItemCatalogue(rulesDir));
  const current = loadResponsibility(rulesDir);
  if (expectedEtag !== undefined && expectedEtag !== current.etag)
    throw new ConflictError(`责任清单已被他人修改（版本 ${expectedEtag}，当前 ${current.etag}），请重新加载后再保存`);
  const file = responsibilityFile(rulesDir);
  const text = `# 责任清单 — edited through the admin API; see git history for earlier versions.\n${YAML.stringify(list, { lineWidth: 0 })}`;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, 'utf8');
  renameSync(tmp, file);
  cache = undefined;
  return loadResponsibility(rulesDir);
}
