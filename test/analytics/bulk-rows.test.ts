import { afterAll, describe, expect, it } from 'vitest';
import { bulkRows } from '../../src/storage/bulk-rows.js';
import { tempContext } from '../helpers/temp-context.js';

describe('bulkRows', () => {
  const ctx = tempContext();
  afterAll(() => ctx.cleanup());
  ctx.db.exec('CREATE TABLE scratch_places (id INTEGER PRIMARY KEY, district TEXT, place TEXT, at REAL)');
  const insert = ctx.db.prepare('INSERT INTO scratch_places (district, place, at) VALUES (?, ?, ?)');
  for (const [d, p, at] of [['宝安区', '碧海花园', 1.5], ['宝安区', null, 2], [null, '碧海花园', -3.25], ['', '', 0], ['南山区', '碧海花园', 1e12 + 0.5]] as const) insert.run(d, p, at);

  const cases: [string, string, Record<string, unknown>][] = [
    ['every row, names repeated and missing', 'SELECT id, district, place, at FROM scratch_places WHERE id >= @from ORDER BY id', { from: 0 }],
    ['no rows', 'SELECT id, district, place, at FROM scratch_places WHERE id >= @from ORDER BY id', { from: 99 }],
  ];
  for (const [name, sql, params] of cases) {
    it(`${name}: the same objects as named rows`, () => {
      const named = ctx.db.prepare(sql).all(params);
      const made = bulkRows(ctx.db.prepare(sql), params, (r, n) => {
        const [id, district, place, at] = r as [number, string | null, string | null, number];
        return { id, district: n(district), place: n(place), at };
      });
      expect(made).toEqual(named);
    });
  }

  it('a make that throws ends the read (the statement can run again)', () => {
    const s = ctx.db.prepare('SELECT id FROM scratch_places');
    expect(() => bulkRows(s, {}, (): never => { throw new Error('stop'); })).toThrow('stop');
    expect(bulkRows(s, {}, (r) => r[0])).toHaveLength(5);
  });
});
