import type { AppContext } from '../context.js';
import { leadStepFor } from '../leads/lead-step.js';
import { collisionStepFor } from '../collision/collision-step.js';
import type { PostStep } from './post-pipeline.js';

/** The steps every newly stored post goes through, in order. One line per step. */
export function pipelineSteps(ctx: AppContext): PostStep[] {
  return [
    leadStepFor(ctx),
    collisionStepFor(ctx),
  ];
}
