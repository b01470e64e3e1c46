import { placeKey, samePlaceKey } from '../leads/cluster.js';
import type { CollisionPolicy } from './collision-policy.js';
import { dice } from './text-similarity.js';

/** One side of a pair as the matcher sees it: a lead (time = first post time) or a ticket (time = received). */
export interface CollisionSide {
  category: string | null;
  subItem: string | null;
  district: string | null;
  street: string | null;
  place: string | null;
  /** ISO 8601 UTC. */
  at: string;
  /** Bigrams of the normalised text (`bigramSet`). */
  bigrams: ReadonlySet<string>;
}

export interface PairParts {
  place: number;
  subItem: number;
  time: number;
  text: number;
}

export type PairScore =
  | { match: boolean; score: number; parts: PairParts; relation: 'ticket_before' | 'ticket_after' }
  | { match: false; excluded: 'category' | 'district' | 'place' | 'sub_item' | 'window' };

const DAY = 86_400_000;
const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Whether a lead and a ticket are one problem. Hard rules first: the same category, the same
 * district (a side without a district cannot be placed, so it never matches), both inside the time
 * window, two named places that differ are two problems, and two named sub-items that differ are
 * two problems. Then a weighted score of place level, sub-item, closeness in time and text
 * similarity; `match` when it reaches the policy's threshold. Pure: no I/O.
 */
export function scorePair(lead: CollisionSide, ticket: CollisionSide, policy: CollisionPolicy): PairScore {
  if (!lead.category || lead.category !== ticket.category) return { match: false, excluded: 'category' };
  if (!lead.district || lead.district !== ticket.district) return { match: false, excluded: 'district' };
  const gap = Date.parse(ticket.at) - Date.parse(lead.at);
  if (!(Math.abs(gap) <= policy.windowDays * DAY)) return { match: false, excluded: 'window' };
  const pl = placeKey(lead.place);
  const pt = placeKey(ticket.place);
  if (pl && pt && !samePlaceKey(pl, pt)) return { match: false, excluded: 'place' };
  if (lead.subItem && ticket.subItem && lead.subItem !== ticket.subItem && policy.subItemLevels.different === 0) return { match: false, excluded: 'sub_item' };

  const levels = policy.placeLevels;
  const place = pl && pt ? levels.place : lead.street && lead.street === ticket.street ? levels.street : levels.district;
  const si = policy.subItemLevels;
  const subItem = !lead.subItem || !ticket.subItem ? si.unknown : lead.subItem === ticket.subItem ? si.same : si.different;
  const full = Math.min(policy.timeFullDays, policy.windowDays) * DAY;
  const time = Math.abs(gap) <= full ? 1 : 1 - (Math.abs(gap) - full) / (policy.windowDays * DAY - full);
  const text = Math.min(1, dice(lead.bigrams, ticket.bigrams) / policy.textFull);
  const w = policy.weights;
  const score = round((w.place * place + w.subItem * subItem + w.time * time + w.text * text) / (w.place + w.subItem + w.time + w.text));
  return {
    match: score >= policy.minScore,
    score,
    parts: { place: round(place), subItem: round(subItem), time: round(time), text: round(text) },
    relation: gap < 0 ? 'ticket_before' : 'ticket_after',
  };
}
