import type { Config } from '../config/schema.js';

/**
 * How sure the matcher must be that a lead and a ticket are one problem. The window and the
 * threshold come from configuration (COLLISION_WINDOW_DAYS, COLLISION_MIN_SCORE); the weights and
 * level values are the matcher's design (see COLLISION.md for the figures they give).
 */
export interface CollisionPolicy {
  /** A ticket and a lead further apart than this (either order) are never the same problem. */
  windowDays: number;
  /** The time part is 1 up to this many days apart, then falls linearly to 0 at the window's edge. */
  timeFullDays: number;
  /** Total score at or above which a pair is linked. */
  minScore: number;
  weights: { place: number; subItem: number; time: number; text: number };
  /** Place part by level: same named place, same street (no conflicting places), same district only. */
  placeLevels: { place: number; street: number; district: number };
  /** Sub-item part when both name one and agree, when either has none, when they differ. */
  subItemLevels: { same: number; unknown: number; different: number };
  /** The text part is Dice / textFull, capped at 1 (a ticket's formal wording never shares every bigram). */
  textFull: number;
  /** Characters of each text compared (the start says what the problem is). */
  textChars: number;
}

export const DEFAULT_COLLISION_POLICY: CollisionPolicy = {
  windowDays: 30,
  timeFullDays: 14,
  minScore: 0.65,
  weights: { place: 0.4, subItem: 0.2, time: 0.1, text: 0.3 },
  placeLevels: { place: 1, street: 0.6, district: 0.25 },
  subItemLevels: { same: 1, unknown: 0.5, different: 0 },
  textFull: 0.5,
  textChars: 400,
};

export function collisionPolicy(config: Pick<Config, 'collisionWindowDays' | 'collisionMinScore'>): CollisionPolicy {
  return { ...DEFAULT_COLLISION_POLICY, windowDays: config.collisionWindowDays, minScore: config.collisionMinScore };
}
