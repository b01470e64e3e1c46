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
  let total = 0;
  for (const p of posts) {
    const engagement = Math.max(0, p.likes ?? 0) + 2 * Math.max(0, p.comments ?? 0) + 3 * Math.max(0, p.shares ?? 0);
    total += 1 + Math.log10(1 + engagement);
  }
  return Math.round(total * 100) / 100;
}
