/**
 * Validates the jurisdiction gazetteer in rules/gazetteer/:
 *   shenzhen.generated.json  (from scripts/gazetteer/generate.ts)
 *   shenzhen.places.yaml     (curated Shenzhen places)
 *   other-places.yaml        (curated places outside Shenzhen)
 *
 * Checks: schema; the 10 official district names and nothing else; every street belongs to
 * its district; every community's street exists in its district; the ambiguity index matches
 * the data; duplicates; places' streets belong to their district; places that contradict the
 * generated data; other-places names that collide with any Shenzhen name (error) and the
 * documented `shadowed` collisions; substring overlaps (information).
 *
 * Run: npx tsx scripts/gazetteer/check.ts [--dir rules/gazetteer] [--verbose]
 * Exit code 1 when there is any error.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

const OFFICIAL_DISTRICTS = [
  "福田区", "罗湖区", "南山区", "盐田区", "宝安区", "龙岗区", "龙华区", "坪山区", "光明区", "大鹏新区",
] as const;

/** Streets whose district the package gets wrong or that moved in 2016-2018. */
const EXPECTED_STREET_DISTRICT: Record<string, string> = {
  葵涌街道: "大鹏新区", 大鹏街道: "大鹏新区", 南澳街道: "大鹏新区",
  观湖街道: "龙华区", 民治街道: "龙华区", 龙华街道: "龙华区", 大浪街道: "龙华区", 福城街道: "龙华区", 观澜街道: "龙华区",
  坪山街道: "坪山区", 马峦街道: "坪山区", 碧岭街道: "坪山区", 石井街道: "坪山区", 坑梓街道: "坪山区", 龙田街道: "坪山区",
  光明街道: "光明区", 公明街道: "光明区", 新湖街道: "光明区", 凤凰街道: "光明区", 玉塘街道: "光明区", 马田街道: "光明区",
};

const PLACE_KINDS = ["metro", "road", "landmark", "park", "area", "village", "school", "hospital", "mall"] as const;
const OTHER_KINDS = ["city", "district", "area"] as const;

// ---------------------------------------------------------------- schemas

const nonEmpty = z.string().trim().min(1);
const districtName = z.enum(OFFICIAL_DISTRICTS);

const GeneratedSchema = z.strictObject({
  source: z.object({ package: nonEmpty, version: nonEmpty, generatedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).loose(),
  city: z.literal("深圳市"),
  cityCode: z.string().optional(),
  cityAliases: z.array(nonEmpty),
  districts: z.array(z.strictObject({
    name: districtName, code: z.string().nullable(), aliases: z.array(nonEmpty),
    weakAliases: z.array(nonEmpty).optional(), note: z.string().optional(),
  })),
  streets: z.array(z.strictObject({
    name: nonEmpty, code: nonEmpty, district: districtName, aliases: z.array(nonEmpty), weakAliases: z.array(nonEmpty).optional(),
  })),
  communities: z.array(z.strictObject({
    name: nonEmpty, code: nonEmpty, district: districtName, street: nonEmpty, aliases: z.array(nonEmpty),
    ambiguous: z.literal(true).optional(),
    subunits: z.array(z.strictObject({ name: nonEmpty, code: nonEmpty })).optional(),
  })),
  ambiguous: z.array(z.strictObject({
    surface: nonEmpty, district: districtName.nullable(), districts: z.array(districtName),
    candidates: z.array(z.strictObject({
      kind: z.enum(["district", "street", "community"]), name: nonEmpty, district: districtName, street: nonEmpty.optional(),
    })),
  })),
  droppedUnits: z.array(z.strictObject({ name: nonEmpty, code: nonEmpty, packageDistrict: nonEmpty, reason: nonEmpty })),
  droppedAliases: z.array(z.strictObject({
    alias: nonEmpty, kind: z.enum(["street", "community"]), name: nonEmpty, district: districtName,
    street: nonEmpty.optional(), reason: nonEmpty,
  })),
});
type Generated = z.infer<typeof GeneratedSchema>;

const PlaceSchema = z.strictObject({
  name: nonEmpty,
  kind: z.enum(PLACE_KINDS),
  district: districtName.nullable(),
  street: nonEmpty.nullable(),
  aliases: z.array(nonEmpty).optional(),
  weakAliases: z.array(nonEmpty).optional(),
});
type Place = z.infer<typeof PlaceSchema>;

const OtherSchema = z.strictObject({
  name: nonEmpty,
  city: nonEmpty,
  kind: z.enum(OTHER_KINDS),
  aliases: z.array(nonEmpty).optional(),
  weakAliases: z.array(nonEmpty).optional(),
  weak: z.boolean().optional(),
  shadowed: z.array(nonEmpty).optional(),
});
type Other = z.infer<typeof OtherSchema>;

// ---------------------------------------------------------------- reporting

const errors: string[] = [];
const warnings: string[] = [];
const infos: string[] = [];
const err = (m: string): void => { errors.push(m); };
const warn = (m: string): void => { warnings.push(m); };

function parseArgs(argv: string[]): { dir: string; verbose: boolean } {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
  let dir = join(repoRoot, "rules/gazetteer");
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--dir" && argv[i + 1]) { dir = resolve(argv[i + 1]!); i++; }
    else if (a === "--verbose" || a === "-v") verbose = true;
    else { console.error(`usage: npx tsx scripts/gazetteer/check.ts [--dir DIR] [--verbose]`); process.exit(2); }
  }
  return { dir, verbose };
}

function load<T>(file: string, schema: z.ZodType<T>, parse: (text: string) => unknown): T | null {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, "utf8"));
  } catch (e) {
    err(`${file}: cannot read/parse: ${(e as Error).message}`);
    return null;
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    for (const issue of r.error.issues.slice(0, 30)) err(`${file}: ${issue.path.join(".")}: ${issue.message}`);
    if (r.error.issues.length > 30) err(`${file}: ... ${r.error.issues.length - 30} more schema errors`);
    return null;
  }
  return r.data;
}

function dupCheck(label: string, names: string[]): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) err(`${label}: duplicate "${n}"`);
    seen.add(n);
  }
}

/** Schema-level plus internal-consistency checks on an entry's surface list. */
function aliasCheck(label: string, name: string, lists: (string[] | undefined)[]): void {
  const all = lists.flatMap((l) => l ?? []);
  if (all.includes(name)) err(`${label} ${name}: an alias equals the name`);
  dupCheck(`${label} ${name} aliases`, all);
}

// ---------------------------------------------------------------- generated file

interface Cand { kind: string; name: string; district: string | null; street?: string | null }

function checkGenerated(g: Generated, file: string): Map<string, Cand[]> {
  const dNames = g.districts.map((d) => d.name);
  dupCheck(`${file} districts`, dNames);
  for (const d of OFFICIAL_DISTRICTS) if (!dNames.includes(d)) err(`${file}: missing district ${d}`);
  for (const d of g.districts) aliasCheck(`${file} district`, d.name, [d.aliases, d.weakAliases]);

  const streetDistrict = new Map<string, string>();
  dupCheck(`${file} streets`, g.streets.map((s) => s.name));
  for (const s of g.streets) {
    streetDistrict.set(s.name, s.district);
    if (!s.name.endsWith("街道")) err(`${file}: street ${s.name} does not end in 街道`);
    aliasCheck(`${file} street`, s.name, [s.aliases, s.weakAliases]);
  }
  for (const [street, district] of Object.entries(EXPECTED_STREET_DISTRICT)) {
    const got = streetDistrict.get(street);
    if (got === undefined) err(`${file}: expected street ${street} (${district}) is missing`);
    else if (got !== district) err(`${file}: street ${street} is in ${got}, expected ${district}`);
  }
  for (const d of OFFICIAL_DISTRICTS) {
    if (![...streetDistrict.values()].includes(d)) err(`${file}: district ${d} has no street`);
  }

  dupCheck(`${file} communities`, g.communities.map((c) => `${c.street}/${c.name}`));
  for (const c of g.communities) {
    const sd = streetDistrict.get(c.street);
    if (sd === undefined) err(`${file}: community ${c.name}: unknown street ${c.street}`);
    else if (sd !== c.district) err(`${file}: community ${c.name}: street ${c.street} is in ${sd}, not ${c.district}`);
    if (!c.name.endsWith("社区")) err(`${file}: community ${c.name} does not end in 社区`);
    if (/居委会|居民委员会|村委会/.test(c.name)) err(`${file}: community ${c.name} still carries a committee suffix`);
    aliasCheck(`${file} community`, c.name, [c.aliases]);
  }

  // Recompute the surface index and compare with the file's ambiguity list.
  const index = new Map<string, Cand[]>();
  const add = (surface: string, cand: Cand): void => {
    const list = index.get(surface) ?? [];
    if (!list.some((x) => x.kind === cand.kind && x.name === cand.name && x.street === cand.street && x.district === cand.district)) list.push(cand);
    index.set(surface, list);
  };
  for (const s of [g.city, ...g.cityAliases]) add(s, { kind: "city", name: g.city, district: null });
  for (const d of g.districts) for (const s of [d.name, ...d.aliases, ...(d.weakAliases ?? [])]) add(s, { kind: "district", name: d.name, district: d.name });
  for (const st of g.streets) for (const s of [st.name, ...st.aliases, ...(st.weakAliases ?? [])]) add(s, { kind: "street", name: st.name, district: st.district });
  for (const c of g.communities) for (const s of [c.name, ...c.aliases]) add(s, { kind: "community", name: c.name, district: c.district, street: c.street });

  const expected = new Map<string, string | null>();
  for (const [surface, cands] of index) {
    if (cands.length < 2) continue;
    const ds = new Set(cands.map((c) => c.district));
    expected.set(surface, ds.size === 1 ? [...ds][0] ?? null : null);
  }
  const listed = new Map(g.ambiguous.map((a) => [a.surface, a.district]));
  for (const [s, d] of expected) {
    if (!listed.has(s)) err(`${file}: surface "${s}" has several candidates but is not in ambiguous[]`);
    else if (listed.get(s) !== d) err(`${file}: ambiguous "${s}": district should be ${d ?? "null"}`);
  }
  for (const s of listed.keys()) if (!expected.has(s)) err(`${file}: ambiguous[] lists "${s}" which is not ambiguous`);
  for (const a of g.ambiguous) {
    const ds = [...new Set(a.candidates.map((c) => c.district))].sort();
    if (ds.join() !== [...a.districts].sort().join()) err(`${file}: ambiguous "${a.surface}": districts list does not match candidates`);
  }
  for (const c of g.communities) {
    const isAmb = (index.get(c.name)?.length ?? 0) > 1;
    if (isAmb !== (c.ambiguous === true)) err(`${file}: community ${c.name} (${c.street}): ambiguous flag should be ${isAmb}`);
  }
  return index;
}

// ---------------------------------------------------------------- places

function checkPlaces(places: Place[], file: string, g: Generated, gIndex: Map<string, Cand[]>): Map<string, Cand[]> {
  const streetDistrict = new Map(g.streets.map((s) => [s.name, s.district]));
  const weakSurfaces = new Set([...g.districts, ...g.streets].flatMap((u) => u.weakAliases ?? []));
  const index = new Map<string, Cand[]>();
  for (const p of places) {
    const label = `${file}: ${p.name}`;
    if (p.street !== null) {
      if (p.district === null) err(`${label}: street ${p.street} given but district is null`);
      const sd = streetDistrict.get(p.street);
      if (sd === undefined) err(`${label}: unknown street ${p.street}`);
      else if (p.district !== null && sd !== p.district) err(`${label}: street ${p.street} belongs to ${sd}, not ${p.district}`);
    }
    if (p.kind === "metro" && !p.name.endsWith("站")) err(`${label}: metro station name should end in 站`);
    aliasCheck(file, p.name, [p.aliases, p.weakAliases]);
    for (const s of [p.name, ...(p.aliases ?? [])]) {
      // A strong place surface would turn a weak generated surface into a strong one when merged.
      if (weakSurfaces.has(s)) err(`${label}: "${s}" is a weak alias in the generated data; list it under weakAliases or leave it out`);
    }
    for (const s of [p.name, ...(p.aliases ?? []), ...(p.weakAliases ?? [])]) {
      const list = index.get(s) ?? [];
      list.push({ kind: `place:${p.kind}`, name: p.name, district: p.district, street: p.street });
      index.set(s, list);
    }
  }
  for (const [s, list] of index) if (list.length > 1) err(`${file}: surface "${s}" used by ${list.map((c) => c.name).join(", ")}`);

  // Agreement with the administrative data.
  let consistent = 0;
  for (const [s, [p]] of index) {
    const cands = gIndex.get(s);
    if (!cands || !p) continue;
    const ds = new Set(cands.map((c) => c.district));
    const what = cands.map((c) => `${c.kind} ${c.name}${c.district ? ` (${c.district})` : ""}`).join("; ");
    if (p.district === null) {
      warn(`${file}: "${s}" is district:null here but the generated data has ${what}`);
    } else if (ds.size === 1 && ds.has(p.district)) {
      consistent++;
      infos.push(`place "${s}" (${p.district}) also named in generated data: ${what}`);
    } else if (ds.has(p.district)) {
      warn(`${file}: "${s}" (${p.district}) is ambiguous in the generated data: ${what}`);
    } else {
      err(`${file}: "${s}" is in ${p.district} here but the generated data says ${what}`);
    }
  }
  if (consistent) infos.push(`${consistent} place surfaces repeat a generated name with the same district (consistent)`);
  return index;
}

// ---------------------------------------------------------------- other places

interface Collision { surface: string; other: string; city: string; shenzhen: string }

function checkOthers(others: Other[], file: string, sz: Map<string, string[]>, szUsable: Set<string>): { shadowedOk: Collision[]; overlaps: string[] } {
  const shadowedOk: Collision[] = [];
  const overlaps: string[] = [];
  const seen = new Map<string, string>();
  const cityEntries = new Set(others.filter((o) => o.kind === "city").map((o) => o.name));
  for (const o of others) {
    const label = `${file}: ${o.name} (${o.city})`;
    aliasCheck(file, o.name, [o.aliases, o.weakAliases]);
    if (!cityEntries.has(o.city)) warn(`${label}: city "${o.city}" has no kind:city entry`);
    if (o.kind === "city" && o.city !== o.name) err(`${label}: a city entry must have city == name`);
    const usable = [o.name, ...(o.aliases ?? []), ...(o.weakAliases ?? [])];
    for (const s of usable) {
      const prev = seen.get(s);
      if (prev) err(`${file}: surface "${s}" used by both ${prev} and ${o.name} (${o.city})`);
      seen.set(s, `${o.name} (${o.city})`);
      const hit = sz.get(s);
      if (hit) err(`${label}: "${s}" collides with Shenzhen ${hit.join("; ")} — remove it or move it to shadowed`);
    }
    for (const s of o.shadowed ?? []) {
      if (usable.includes(s)) err(`${label}: "${s}" is both usable and shadowed`);
      const hit = sz.get(s);
      if (hit) shadowedOk.push({ surface: s, other: o.name, city: o.city, shenzhen: hit.join("; ") });
      else warn(`${label}: shadowed "${s}" no longer collides with any Shenzhen name; it could become an alias`);
    }
  }
  // Substring overlaps (information: matching must prefer the longest surface).
  const szSurfaces = [...szUsable];
  for (const s of seen.keys()) {
    if ([...s].length < 2) continue;
    for (const t of szSurfaces) {
      if (s === t || [...t].length < 2) continue;
      if (t.includes(s)) overlaps.push(`other "${s}" (${seen.get(s)}) inside Shenzhen "${t}"`);
      else if (s.includes(t)) overlaps.push(`Shenzhen "${t}" inside other "${s}" (${seen.get(s)})`);
    }
  }
  return { shadowedOk, overlaps: overlaps.sort() };
}

// ---------------------------------------------------------------- main

function main(): void {
  const { dir, verbose } = parseArgs(process.argv.slice(2));
  const genFile = join(dir, "shenzhen.generated.json");
  const placesFile = join(dir, "shenzhen.places.yaml");
  const othersFile = join(dir, "other-places.yaml");

  const g = load(genFile, GeneratedSchema, (t) => JSON.parse(t));
  const places = load(placesFile, z.array(PlaceSchema), (t) => parseYaml(t));
  const others = load(othersFile, z.array(OtherSchema), (t) => parseYaml(t));

  let shadowedOk: Collision[] = [];
  let overlaps: string[] = [];
  if (g) {
    const gIndex = checkGenerated(g, "shenzhen.generated.json");
    const pIndex = places ? checkPlaces(places, "shenzhen.places.yaml", g, gIndex) : new Map<string, Cand[]>();
    // Every Shenzhen surface form, including bare community names deliberately not used as aliases.
    const sz = new Map<string, string[]>();
    const addSz = (s: string, what: string): void => { const l = sz.get(s) ?? []; if (!l.includes(what)) l.push(what); sz.set(s, l); };
    for (const [s, cands] of gIndex) for (const c of cands) addSz(s, `${c.kind} ${c.name}${c.district && c.kind !== "district" ? ` (${c.district})` : ""}`);
    const szUsable = new Set<string>([...gIndex.keys(), ...pIndex.keys()]);
    for (const d of g.droppedAliases) addSz(d.alias, `bare name of ${d.kind} ${d.name} (${d.district}; not an alias: ${d.reason})`);
    for (const [s, cands] of pIndex) for (const c of cands) addSz(s, `${c.kind} ${c.name}${c.district ? ` (${c.district})` : " (no district)"}`);
    if (others) ({ shadowedOk, overlaps } = checkOthers(others, "other-places.yaml", sz, szUsable));
  }

  // ---- summary
  console.log("gazetteer check");
  if (g) {
    const cross = g.ambiguous.filter((a) => a.district === null).length;
    console.log(`  source          ${g.source.package}@${g.source.version}, generated ${g.source.generatedAt}`);
    console.log(`  districts       ${g.districts.length} (${g.districts.map((d) => d.name).join(" ")})`);
    console.log(`  streets         ${g.streets.length}   (${OFFICIAL_DISTRICTS.map((d) => `${d} ${g.streets.filter((s) => s.district === d).length}`).join(", ")})`);
    console.log(`  communities     ${g.communities.length}   with bare alias ${g.communities.filter((c) => c.aliases.length).length}, flagged ambiguous ${g.communities.filter((c) => c.ambiguous).length}`);
    console.log(`  ambiguous       ${g.ambiguous.length} surfaces (${cross} span several districts, ${g.ambiguous.length - cross} within one district)`);
    console.log(`  dropped         ${g.droppedUnits.length} non-street units, ${g.droppedAliases.length} refused bare aliases`);
  }
  if (places) {
    const byKind = PLACE_KINDS.map((k) => `${k} ${places.filter((p) => p.kind === k).length}`).join(", ");
    console.log(`  places          ${places.length}   (${byKind}); district:null ${places.filter((p) => p.district === null).length}, with street ${places.filter((p) => p.street !== null).length}`);
  }
  if (others) {
    const byKind = OTHER_KINDS.map((k) => `${k} ${others.filter((o) => o.kind === k).length}`).join(", ");
    console.log(`  other places    ${others.length}   (${byKind}); cities ${new Set(others.map((o) => o.city)).size}`);
  }
  console.log(`  collisions      ${shadowedOk.length} other-place names excluded because they are Shenzhen names:`);
  for (const c of shadowedOk) console.log(`    ${c.surface}  (${c.other}, ${c.city})  vs  ${c.shenzhen}`);
  console.log(`  overlaps        ${overlaps.length} substring overlaps between other-place and usable Shenzhen surfaces (match longest first)${verbose ? "" : "; --verbose lists them"}`);
  if (verbose) { for (const o of overlaps) console.log(`    ${o}`); for (const i of infos) console.log(`  info: ${i}`); }
  for (const w of warnings) console.log(`WARNING ${w}`);
  for (const e of errors) console.log(`ERROR ${e}`);
  console.log(`${errors.length} errors, ${warnings.length} warnings`);
  process.exit(errors.length ? 1 : 0);
}

main();
