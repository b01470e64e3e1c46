import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/passwords.js';
import { openDatabase } from '../../src/storage/database.js';

const dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], input = '') {
  const r = spawnSync('node_modules/.bin/tsx', ['src/cli/index.ts', ...args], { input, encoding: 'utf8', env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('user CLI', () => {
  it('adds the first admin with the password from stdin, lists, keeps the last admin, invites with a code, disables, changes password', () => {
    const add = cli(['user', 'add', 'root', '--role', 'admin'], 'first-admin-password\n');
    expect(add.err).toBe('');
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/user root \(admin\) created/);
    const db = openDatabase(path.join(dir, 'civic-radar.sqlite'));
    const row = db.prepare("SELECT password_hash, role FROM users WHERE name = 'root'").get() as { password_hash: string; role: string };
    db.close();
    expect(row.role).toBe('admin');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('first-admin-password');

    expect(cli(['user', 'add', 'root'], 'another-password').code).toBe(1);
    const sameIgnoringCase = cli(['user', 'add', 'Root'], 'another-password');
    expect(sameIgnoringCase.code).toBe(1);
    expect(sameIgnoringCase.err).toMatch(/已有用户“root”（用户名不区分大小写/);
    expect(cli(['user', 'add', 'li', '--role', 'boss'], 'another-password').err).toMatch(/expected one of verifier, admin/);
    expect(cli(['user', 'add', 'li'], 'short').err).toMatch(/至少需要 10 个字符，收到 5 个/);
    expect(cli(['user', 'list']).out).toMatch(/^1\troot\tadmin\tactive/m);
    // the last enabled admin keeps the role and stays enabled (#12)
    const lastAdmin = cli(['user', 'disable', 'root']);
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.err).toMatch(/唯一启用的管理员/);
    // no password: a one-time code on stdout, only its digest stored
    const invited = cli(['user', 'add', 'wang', '--code']);
    expect(invited.code).toBe(0);
    const code = invited.out.trim().split('\n').at(-1)!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const db2 = openDatabase(path.join(dir, 'civic-radar.sqlite'));
    expect(JSON.stringify(db2.prepare('SELECT * FROM user_setup_codes').all())).not.toContain(code.replace(/-/g, ''));
    db2.close();
    expect(cli(['user', 'role', 'wang', 'admin']).code).toBe(0);
    expect(cli(['user', 'disable', 'root']).code).toBe(0);
    expect(cli(['user', 'list']).out).toMatch(/root\tadmin\tdisabled/);
    expect(cli(['user', 'passwd', 'root'], 'second-admin-password').code).toBe(0);
    expect(cli(['user', 'passwd', 'ghost'], 'second-admin-password').err).toMatch(/没有名为“ghost”的用户/);
  }, 300_000); // ten CLI processes; slow when the machine is busy

  it('never takes the password as an argument', () => {
    const r = cli(['user', 'add', 'zhang', 'my-secret-password'], '');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/too many arguments/i);
  });

  it('stores a hash that verifies', async () => {
    const db = openDatabase(path.join(dir, 'civic-radar.sqlite'));
    const hash = db.prepare("SELECT password_hash FROM users WHERE name = 'root'").pluck().get() as string;
    db.close();
    expect(await verifyPassword(hash, 'second-admin-password')).toBe(true);
    expect(await verifyPassword(hash, 'first-admin-password')).toBe(false);
  });
});
