import { createHash } from 'node:crypto';
import type { Verdict } from '../engine/verdict.js';
import type { Db } from '../storage/database.js';
import { addMissedCandidate, sampledOn } from '../storage/missed-candidates.js';

/** 可能遗漏: which turned-down posts verifiers see, and how many a day. */
export interface MissedPolicy {
  /** Lowest model probability that counts as plausible. */
  from: number;
  dailyBudget: number;
  /** Share of eligible posts taken (by a hash of the post id: a re-run takes the same ones). */
  sampleRate: number;
}

function hashRate(postId: number): number {
  return createHash('sha256').update(`missed:${postId}`).digest().readUInt32BE(0) / 0x1_0000_0000;
}

/**
 * Pure: is this verdict a possibly missed lead? Turned down, with a model probability in the band
 * or a lead of the rules that the model vetoed, and not placed in another city (that is a clear
 * no, whatever the text).
 */
export function isMissedCandidate(postId: number, v: Verdict, p: MissedPolicy): boolean {
  const ev = v.evidence;
  if (v.is_lead || !ev?.model || ev.decided_by === 'outside') return false;
  return (ev.decided_by === 'model_veto' || ev.model.p_lead >= p.from) && hashRate(postId) < p.sampleRate;
}

/** Samples the post if it is a candidate and today's budget has room; idempotent per post. */
export function sampleMissed(db: Db, postId: number, v: Verdict, p: MissedPolicy, now: string): boolean {
  if (!isMissedCandidate(postId, v, p)) return false;
  const day = now.slice(0, 10);
  if (sampledOn(db, day) >= p.dailyBudget) return false;
  return addMissedCandidate(db, { postId, pLead: v.evidence!.model!.p_lead, category: v.evidence!.model!.category, evidence: JSON.stringify(v.evidence), day, now });
}
