import { NonRetryableError } from '../../errors.js';
import { BLOCK_LABEL, type Block } from './block-detect.js';

/**
 * A page that is a wall (login, captcha), not content. Retrying it as such does not help; another
 * account may (engines/crawlee-common.ts). Carries the block across the sweep thread, so the run
 * and the health can say which wall it was.
 */
export class BlockedPageError extends NonRetryableError {
  constructor(
    readonly block: Block,
    message: string,
  ) {
    super(message);
  }
}

/** "URL: 需要登录：期望页面内容，收到 HTTP 401": what was expected and what came back. */
export function blockedPage(block: Block, url: string, received: string): BlockedPageError {
  return new BlockedPageError(block, `${url}: ${BLOCK_LABEL[block]}：期望页面内容，收到${received}`);
}
