/** Engagement of one post as stored (nulls: the platform did not say). */
export interface Engagement {
  likes: number | null;
  comments: number | null;
  shares: number | null;
}

/**
 * A lead's heat: one point per post plus log-scaled engagement (shares spread a problem most,
 * comments show people care), so ten copies outrank one post and a viral post outranks a quiet one
 * without drowning every other lead.
 */
export function heat(posts: readonly Engagement[]): number {
  return posts.reduce((total, p) => addHeat(total, p), 0);
}

/**
 * A lead's heat after one more post. Heat is a sum over posts, so a post joining a lead adds its
 * own term: a viral incident with thousands of reposts costs the same per post as a quiet one.
 */
export function addHeat(leadHeat: number, post: Engagement): number {
  const engagement = Math.max(0, post.likes ?? 0) + 2 * Math.max(0, post.comments ?? 0) + 3 * Math.max(0, post.shares ?? 0);
  return Math.round((leadHeat + 1 + Math.log10(1 + engagement)) * 100) / 100;
}
