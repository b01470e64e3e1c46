/**
 * Placeholders in crawler files: {city} {problem} (keyword lists), {page}, {cursor},
 * {env.NAME}, and in field/detail templates any extracted field ({id}, {url}).
 */
export type Values = Record<string, string | number | null | undefined>;

export function fillTemplate(template: string, values: Values | ((name: string) => string | number | null | undefined), encode: (s: string) => string = (s) => s): string {
  return template.replace(/\{([A-Za-z][\w.]*)\}/g, (whole, name: string) => {
    const v = typeof values === 'function' ? values(name) : values[name];
    return v === undefined || v === null ? whole : encode(String(v));
  });
}

/** Fills {env.NAME} from the environment, falling back to the file's defaults. */
export function fillEnv(template: string, defaults: Record<string, string>, env: NodeJS.ProcessEnv = process.env): string {
  return template.replace(/\{env\.([A-Z][A-Z0-9_]*)\}/g, (whole, name: string) => env[name] ?? defaults[name] ?? whole);
}

/** Every combination of the keyword lists a template mentions (city × problem), URL-encoded. */
export function expandKeywords(template: string, keywords: Record<string, string[]>): { url: string; values: Record<string, string> }[] {
  const names = [...new Set([...template.matchAll(/\{([a-z][a-z0-9_]*)\}/g)].map((m) => m[1]!))].filter((n) => n in keywords);
  let combos: Record<string, string>[] = [{}];
  for (const name of names) combos = combos.flatMap((c) => keywords[name]!.map((k) => ({ ...c, [name]: k })));
  return combos.map((values) => ({ url: fillTemplate(template, values, encodeURIComponent), values }));
}
