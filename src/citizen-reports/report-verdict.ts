import type { Verdict } from '../engine/verdict.js';
import type { Db } from '../storage/database.js';
import { citizenReportByPost, type CitizenReportRow } from '../storage/citizen-reports.js';

/** The platform key of residents' own reports (posts.platform). */
export const CITIZEN_PLATFORM = 'citizen';

type ResidentPick = Pick<CitizenReportRow, 'district' | 'street' | 'place'>;

/**
 * A resident's report as the lead step files it. A report is addressed to us, so it always
 * reaches a verifier: when the engine would not make it a lead, it becomes one anyway (the
 * model's category or 其他, normal urgency) and the verifier decides. The place the resident
 * picked from the gazetteer places the lead when the text names no place the engine could
 * resolve; a place the text names wins (the resident wrote it, the pick may be where they live).
 */
export function citizenVerdict(v: Verdict, pick: ResidentPick | undefined): Verdict {
  const place = !v.district && !v.street && !v.place && pick ? { district: pick.district, street: pick.street, place: pick.place } : {};
  if (v.is_lead) return { ...v, ...place };
  const { reason: _turnedDown, ...rest } = v;
  return {
    ...rest, ...place,
    is_lead: true,
    category: v.category ?? v.evidence?.model?.category ?? 'other',
    urgency: v.urgency ?? 'normal',
  };
}

/** The lead step's hook (JudgeContext.adjust): citizen posts get `citizenVerdict` with their report's pick; others pass unchanged. */
export function adjustCitizenVerdict(db: Db, post: { id: number; platform?: string }, v: Verdict): Verdict {
  if (post.platform !== CITIZEN_PLATFORM) return v;
  return citizenVerdict(v, citizenReportByPost(db, post.id));
}
