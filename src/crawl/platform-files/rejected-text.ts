import type { PlacedIssue } from '../../files/issue-positions.js';
import { RejectedText } from '../../files/rejected-text.js';

/** A platform file's text refused for what it says; nothing was written. */
export class RejectedDefinition extends RejectedText {
  constructor(issues: PlacedIssue[]) {
    super('平台文件', '未保存', issues);
  }
}
