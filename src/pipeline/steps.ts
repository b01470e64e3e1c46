import type { AppContext } from '../context.js';
import type { PostStep } from './post-pipeline.js';

/** The steps every newly stored post goes through, in order. One line per step. */
export function pipelineSteps(_ctx: AppContext): PostStep[] {
  return [];
}
