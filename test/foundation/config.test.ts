import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'cr-config-'));

describe('loadConfig', () => {
  it('uses defaults when nothing is set', () => {
    const c = loadConfig({ env: {}, cwd: dir() });
    expect(c).toMatchObject({ port: 3000, dataDir: './storage', city: '深圳', urgentDispatchMinutes: 30, normalDispatchMinutes: 120 });
  });

  it('reads a YAML file and lets the environment override it', () => {
    const d = dir();
    writeFileSync(path.join(d, 'civic-radar.config.yaml'), 'port: 4000\ncity: 广州\n');
    const c = loadConfig({ env: { PORT: '5000' }, cwd: d });
    expect(c.port).toBe(5000);
    expect(c.city).toBe('广州');
  });

  it.each([
    [{ PORT: 'abc' }, /port \(env PORT\)/],
    [{ LOG_LEVEL: 'loud' }, /logLevel \(env LOG_LEVEL\)/],
    [{ PROXY_URLS: 'not a url' }, /proxyUrls/],
  ])('names the field of a bad environment value %j', (env, pattern) => {
    expect(() => loadConfig({ env, cwd: dir() })).toThrow(pattern);
  });

  it('shows the value that was given, not what coercion made of it', () => {
    expect(() => loadConfig({ env: { PORT: 'abc' }, cwd: dir() })).toThrow(/given "abc"/);
  });

  it('names the file and the field of a bad file value', () => {
    const d = dir();
    const file = path.join(d, 'conf.json');
    writeFileSync(file, JSON.stringify({ port: 'eighty' }));
    const err = (() => {
      try {
        loadConfig({ env: {}, cwd: d, file });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.message).toContain(file);
    expect(err!.message).toContain('"port"');
  });

  it('rejects unknown settings and lists the known ones', () => {
    const d = dir();
    const file = path.join(d, 'conf.yaml');
    writeFileSync(file, 'prot: 80\n');
    expect(() => loadConfig({ env: {}, cwd: d, file })).toThrow(/unknown setting\(s\) prot; known settings: port/);
  });

  it('reports a missing explicit file and an unparseable one', () => {
    const d = dir();
    expect(() => loadConfig({ env: {}, cwd: d, file: 'nope.yaml' })).toThrow(/config file not found/);
    const bad = path.join(d, 'bad.yaml');
    writeFileSync(bad, 'port: [1, 2\n');
    expect(() => loadConfig({ env: {}, cwd: d, file: bad })).toThrow(/cannot parse/);
  });
});
