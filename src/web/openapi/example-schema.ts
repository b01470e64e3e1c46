/**
 * A JSON Schema read off an example: types, properties, required keys, array items from the first
 * item. A null says only that the field may be null, so it allows anything. The examples are
 * checked against live responses (test/web/openapi-drift.test.ts), which keeps these honest.
 */
export function schemaOfExample(example: unknown): Record<string, unknown> {
  if (example === null || example === undefined) return {};
  if (Array.isArray(example)) return { type: 'array', items: example.length ? schemaOfExample(example[0]) : {} };
  if (typeof example === 'object') {
    const entries = Object.entries(example as Record<string, unknown>);
    return { type: 'object', properties: Object.fromEntries(entries.map(([k, v]) => [k, schemaOfExample(v)])), required: entries.map(([k]) => k) };
  }
  return { type: typeof example === 'bigint' ? 'integer' : typeof example };
}
