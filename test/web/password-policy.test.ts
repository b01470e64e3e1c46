/**
 * Issue #13, finding 9: length alone let "aaaaaaaaaa", "1234567890" and the user name through.
 * Through the real entry points: addUser / setPassword (what the CLI calls) and the CLI itself.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { addUser, setPassword } from '../../src/auth/user-accounts.js';
import { ValidationError } from '../../src/errors.js';
import { runCli } from '../helpers/cli-process.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';

let ctx: TempContext;
beforeAll(() => {
  ctx = tempContext();
});
afterAll(() => ctx.cleanup());

async function refusal(name: string, password: string): Promise<string | undefined> {
  try {
    await addUser(ctx.db, { name, role: 'verifier', password }, SYSTEM);
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as Error).message;
  }
}

describe('password policy', () => {
  const refused: [string, string, RegExp][] = [
    ['short', 'abc12', /太短：至少需要 10 个字符，收到 5 个/],
    ['same', 'aaaaaaaaaa', /1 种字符/],
    ['pairs', 'abababababab', /2 种字符/],
    ['digits', '1234567890', /只有数字和符号|连续序列/],
    ['phone', '13812345678', /只有数字和符号/],
    ['letters', 'abcdefghijk', /连续序列/],
    ['down', 'zyxwvutsrqp', /连续序列/],
    ['repeat', 'abcdabcdabcd', /重复/],
    ['zhangwei', 'Zhangwei19900101', /包含用户名“zhangwei”/],
    ['named', 'my-NAMED-password', /包含用户名/],
    ['common1', 'password2024', /常见密码/],
    ['common2', 'P@ssw0rd!2024', /常见密码/],
    ['common3', 'woaini1314520', /常见密码/],
    ['common4', 'qq1234567890', /只剩不到 3 个字母/],
    ['common5', 'qwertyuiop', /常见密码|连续序列/],
    ['common6', '1qaz2wsx3edc', /常见密码/],
    ['common7', 'iloveyou!!!', /常见密码/],
    ['common8', '5201314woaini', /常见密码/],
    ['common9', 'zhangwei19900101', /常见密码/],
    ['common10', 'shenzhen2024!', /常见密码/],
  ];
  for (const [name, password, why] of refused) {
    it(`refuses ${JSON.stringify(password)} for ${name}, saying why in Chinese`, async () => {
      const message = await refusal(name, password);
      expect(message).toMatch(why);
      expect(message).toMatch(/建议/);
      expect(message).not.toContain(password);
    });
  }

  for (const password of ['correct horse battery staple', '青山绿水长流不息万古常青', 'Tulip-Kettle-Orbit-42', 'mx7!Rq2vLp9#']) {
    it(`accepts ${JSON.stringify(password)}`, async () => {
      expect(await refusal(`ok${Math.abs(password.length * 7919) % 1000}${password.charCodeAt(0)}`, password)).toBeUndefined();
    });
  }

  it('applies to a changed password too, with the user name', async () => {
    await addUser(ctx.db, { name: 'lisi', role: 'verifier', password: 'correct horse battery staple' }, SYSTEM);
    await expect(setPassword(ctx.db, 'lisi', 'LISI-is-my-name', SYSTEM)).rejects.toThrow(/包含用户名/);
    await expect(setPassword(ctx.db, 'lisi', '1111111111', SYSTEM)).rejects.toThrow(/1 种字符/);
  });

  it('is what the CLI says', async () => {
    const r = await runCli(['user', 'add', 'wangwu', '--role', 'admin'], 'woaini520520\n', { DATA_DIR: path.join(ctx.dir, 'cli') });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/常见密码/);
  }, 120_000);
});
