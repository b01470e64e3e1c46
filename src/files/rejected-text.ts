import type { ErrorRequestHandler } from 'express';
import { ValidationError } from '../errors.js';
import type { PlacedIssue } from './issue-positions.js';

/** A file's text refused for what it says (HTTP 400 with every problem placed in the text); nothing was written. */
export class RejectedText extends ValidationError {
  /** `subject`: what the text is (平台文件); `outcome`: what did not happen (未保存). */
  constructor(subject: string, outcome: string, readonly issues: PlacedIssue[]) {
    super(`${subject}有 ${issues.length} 处问题，${outcome}：${issues.map((i) => `${i.field ? `字段 ${i.field}` : `第 ${i.line} 行`}：${i.message}`).join('；')}`, issues[0]?.field || undefined);
  }
}

/** A refused text answers 400 with every problem placed in the text (line, range) for the editor. */
export const refusedText: ErrorRequestHandler = (err, _req, res, next) => {
  if (!(err instanceof RejectedText)) return next(err);
  res.status(400).json({ error: { message: err.detail, ...(err.field ? { field: err.field } : {}) }, issues: err.issues });
};
