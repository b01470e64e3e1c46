import { ValidationError } from '../../errors.js';
import type { PlacedIssue } from './issue-positions.js';

/** A text refused for what it says (HTTP 400 with every problem placed in the text); nothing was written. */
export class RejectedDefinition extends ValidationError {
  constructor(readonly issues: PlacedIssue[]) {
    super(`平台文件有 ${issues.length} 处问题，未保存：${issues.map((i) => `${i.field ? `字段 ${i.field}` : `第 ${i.line} 行`}：${i.message}`).join('；')}`, issues[0]?.field || undefined);
  }
}
