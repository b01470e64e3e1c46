import type { Logger } from '../log.js';
import type { Db } from '../storage/database.js';
import { inTransaction } from '../storage/database.js';
import { markProcessed, unprocessedPosts, type PostForSteps } from '../storage/posts.js';

/**
 * The one step new posts go through after they are stored. The rules engine
 * plugs in here (a PostStep that classifies posts and files leads).
 */
export interface PostStep {
  name: string;
  /** Runs inside the transaction that marks the posts processed: its writes and the mark land together. */
  process(db: Db, posts: readonly PostForSteps[]): void;
}

export class PostPipeline {
  constructor(
    private readonly db: Db,
    private readonly steps: readonly PostStep[],
    private readonly log?: Logger,
  ) {}

  /** Processes every unprocessed post, in batches; safe to call at any time and after a crash. */
  drain(batchSize = 500): number {
    let total = 0;
    for (;;) {
      const posts = unprocessedPosts(this.db, batchSize);
      if (posts.length === 0) return total;
      inTransaction(this.db, () => {
        for (const step of this.steps) step.process(this.db, posts);
        markProcessed(this.db, posts.map((p) => p.id));
      });
      total += posts.length;
      this.log?.debug({ posts: posts.length, total }, 'pipeline batch processed');
    }
  }
}
