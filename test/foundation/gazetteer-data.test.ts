import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('gazetteer data in rules/gazetteer', () => {
  it('passes its consistency check (streets in their districts, no collisions with other cities)', () => {
    const out = execFileSync('npx', ['tsx', 'scripts/gazetteer/check.ts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toMatch(/\b0 errors\b/);
  });
});
