import { randomBytes } from 'node:crypto';
import { tokenDigest } from '../auth/token-digest.js';
import { ForbiddenError } from '../errors.js';
import type { Db } from '../storage/database.js';
import { insertFormToken, pruneFormTokens, useFormToken } from '../storage/citizen-reports.js';

/** How long a loaded form may wait before it is sent. */
const TOKEN_HOURS = 12;

/**
 * The public form's per-form token: issued when the page loads (GET /api/public/reports/form),
 * stored as its SHA-256, used once, in the transaction that stores the report. A page on another
 * site cannot read it (no CORS), so it cannot make a visitor's browser submit a report; the
 * security middleware also refuses cross-site requests (Origin, Sec-Fetch-Site). Sending the same
 * form twice stores one report.
 */
export function issueFormToken(db: Db, now: Date): string {
  pruneFormTokens(db, new Date(now.getTime() - 2 * TOKEN_HOURS * 3_600_000).toISOString());
  const token = randomBytes(24).toString('base64url');
  insertFormToken(db, tokenDigest(token), now.toISOString());
  return token;
}

/** Uses the token up (call inside the storing transaction); a used, unknown or expired token is refused. */
export function spendFormToken(db: Db, token: string, now: Date): void {
  const notBefore = new Date(now.getTime() - TOKEN_HOURS * 3_600_000).toISOString();
  if (!useFormToken(db, tokenDigest(token), notBefore, now.toISOString())) {
    throw new ForbiddenError('表单已提交过或已过期（页面打开超过 12 小时）：请刷新页面后重新填写提交；如已提交成功，请用受理编号查询进度');
  }
}
