import type { ClusterCandidate } from '../storage/leads.js';
import { hammingDistance } from './simhash.js';

export interface ClusterPolicy {
  /** Same category + same place within this many hours = same incident. */
  incidentWindowHours: number;
  /** Near-duplicates (reposts) join within this many hours. */
  duplicateWindowHours: number;
  /** SimHash distance (bits of 64) up to which two texts are the same post. */
  duplicateBits: number;
}

export const DEFAULT_CLUSTER_POLICY: ClusterPolicy = { incidentWindowHours: 48, duplicateWindowHours: 168, duplicateBits: 10 };

export interface ClusterSubject {
  category: string;
  subItem: string | null;
  street: string | null;
  place: string | null;
  fingerprint: string;
  at: string;
}

export type ClusterMatch = { lead: ClusterCandidate; reason: 'near_duplicate' | 'same_incident' } | undefined;

/** A place name without spaces, punctuation and case ('' for none). */
export const placeKey = (p: string | null) => (p ? p.replace(/[\s\p{P}]/gu, '').toLowerCase() : '');

/** Two place keys name the same place: equal, or one contains the other ('宝民一路' in '宝民一路38号'). */
export const samePlaceKey = (pa: string, pb: string) => pa.length >= 2 && pb.length >= 2 && (pa === pb || pa.includes(pb) || pb.includes(pa));

function samePlace(a: ClusterSubject, b: ClusterCandidate): boolean {
  const pa = placeKey(a.place);
  const pb = placeKey(b.place);
  if (samePlaceKey(pa, pb)) return true;
  // Without a named place on one side, the same street and the same sub-item is the same incident.
  return Boolean(a.street && a.street === b.street && a.subItem && a.subItem === b.sub_item && (!pa || !pb));
}

const hoursBetween = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 3_600_000;

/**
 * Which existing lead a new lead-worthy post joins, if any. Candidates arrive with merged leads
 * already resolved to their target. A near-duplicate joins even a rejected lead (same text, same
 * decision: it must not reappear in the queue); a different post about the same incident joins
 * only `new` or `confirmed` leads: new evidence against a rejection deserves a fresh look.
 */
export function findCluster(subject: ClusterSubject, candidates: readonly ClusterCandidate[], policy: ClusterPolicy = DEFAULT_CLUSTER_POLICY): ClusterMatch {
  let best: { lead: ClusterCandidate; bits: number } | undefined;
  for (const c of candidates) {
    if (c.status === 'merged' || !c.fingerprint) continue;
    if (hoursBetween(subject.at, c.last_post_at) > policy.duplicateWindowHours) continue;
    const bits = hammingDistance(subject.fingerprint, c.fingerprint);
    if (bits <= policy.duplicateBits && (!best || bits < best.bits)) best = { lead: c, bits };
  }
  if (best) return { lead: best.lead, reason: 'near_duplicate' };
  for (const c of candidates) {
    if (c.status !== 'new' && c.status !== 'confirmed') continue;
    if (c.category !== subject.category) continue;
    if (hoursBetween(subject.at, c.last_post_at) > policy.incidentWindowHours) continue;
    if (samePlace(subject, c)) return { lead: c, reason: 'same_incident' };
  }
  return undefined;
}
