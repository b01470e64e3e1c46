import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ValidationError } from '../errors.js';
import { userNameKey } from '../storage/user-name-key.js';

export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 1024;
const ADVICE = '建议用几个不相关的词或一句只有自己知道的话（至少 10 个字符）。';

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(fileURLToPath(new URL('./common-passwords.txt', import.meta.url)), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
  return common;
}

// Leetspeak back to letters ("p@ssw0rd" is "password"); "1" may stand for i or l.
const LEET: Record<string, string> = { '@': 'a', '4': 'a', '3': 'e', '0': 'o', $: 's', '5': 's', '7': 't', '!': 'i' };
const unleet = (s: string, one: string) => s.replace(/[@430$57!1]/g, (c) => (c === '1' ? one : LEET[c]!));

/** Without the digits, punctuation, symbols and spaces at either end ("!password2024" → "password"). */
const strip = (s: string) => s.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, '');

/** Each step +1 or each step −1 ("abcdefghij", "9876543210"; digits wrap: "7890123456"). */
function isSequence(s: string): boolean {
  const step = (i: number) => {
    const [a, b] = [s[i - 1]!, s[i]!];
    if (/\d/.test(a) && /\d/.test(b)) return ((Number(b) - Number(a) + 15) % 10) - 5;
    return b.charCodeAt(0) - a.charCodeAt(0);
  };
  const first = step(1);
  if (first !== 1 && first !== -1) return false;
  for (let i = 2; i < s.length; i++) if (step(i) !== first) return false;
  return true;
}

/** The password is one shorter piece over and over ("abcabcabca", "passwordpassword"). */
function isRepetition(s: string): boolean {
  for (let n = 1; n <= s.length / 2; n++) {
    const unit = s.slice(0, n);
    if (unit.repeat(Math.ceil(s.length / n)).startsWith(s)) return true;
  }
  return false;
}

/**
 * Refuses passwords that are guessed early: too short, common (src/auth/common-passwords.txt, also
 * with digits or symbols around it, or in leetspeak), containing the user name, one repeated
 * piece, a simple run (abcdef…, 987654…) or too few different characters. Length alone let
 * "aaaaaaaaaa", "1234567890" and the user name through. Messages say why, never the password.
 */
export function checkPasswordPolicy(password: string, userName: string): void {
  const refuse = (why: string): never => {
    throw new ValidationError(`${why}${ADVICE}`, 'password');
  };
  if (password.length < MIN_PASSWORD_LENGTH) refuse(`密码太短：至少需要 ${MIN_PASSWORD_LENGTH} 个字符，收到 ${password.length} 个。`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new ValidationError(`密码太长：最多 ${MAX_PASSWORD_LENGTH} 个字符，收到 ${password.length} 个。`, 'password');
  const p = userNameKey(password);
  const name = userNameKey(userName);
  if (name.length >= 3 && p.includes(name)) refuse(`密码不能包含用户名“${userName}”（不区分大小写）。`);
  if (new Set(p).size < 4) refuse(`密码只用了 ${new Set(p).size} 种字符，至少需要 4 种不同的字符。`);
  if (isSequence(p)) refuse('密码是简单的连续序列（如 abcdefghij、9876543210），很容易被猜中。');
  if (isRepetition(p)) refuse('密码是同一段字符的重复（如 abcabcabca），很容易被猜中。');
  const core = strip(p);
  if (core.length === 0) refuse('密码只有数字和符号（生日、手机号、纪念日都在此列），很容易被猜中；请加入字母或汉字。');
  if (core.length < 3) refuse('去掉首尾的数字和符号后，密码只剩不到 3 个字母（如 qq+生日），很容易被猜中。');
  const list = commonPasswords();
  if ([p, core, unleet(core, 'i'), unleet(core, 'l'), strip(unleet(p, 'i')), strip(unleet(p, 'l'))].some((c) => list.has(c))) {
    refuse('这是常见密码（或常见密码加上数字、符号、字母替换），攻击者会最先尝试。');
  }
}
