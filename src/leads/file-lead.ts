import { SYSTEM } from '../audit/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Verdict } from '../engine/verdict.js';
import { appendChange } from '../storage/change-log.js';
import type { Db } from '../storage/database.js';
import {
  getEngineLead, insertEngineLead, leadIdOfPost, linkPostToLead, patchEngineLead, recentLeads,
  type ClusterCandidate, type LeadSpan,
} from '../storage/leads.js';
import { DEFAULT_CLUSTER_POLICY, findCluster, type ClusterPolicy } from './cluster.js';
import { addHeat, heat } from './heat.js';
import { similarity } from './simhash.js';

/** The stored post being filed (a posts row, as much as filing needs). */
export interface FilingPost {
  id: number;
  title: string | null;
  text: string;
  first_seen_at: string;
  likes: number | null;
  comments: number | null;
  shares: number | null;
}

export type FilingResult = { action: 'created' | 'joined'; leadId: number; reason?: string } | { action: 'already_filed'; leadId: number };

const MAX_SPANS = 200;
const SUMMARY_CHARS = 80;

/** Verdict spans are offsets into title + "\n" + text; the UI highlights the text, so keep those, shifted. */
export function textSpans(post: FilingPost, verdict: Verdict): LeadSpan[] {
  const shift = post.title ? post.title.length + 1 : 0;
  return verdict.spans
    .filter((s) => s.start >= shift)
    .map((s) => ({ post_id: post.id, start: s.start - shift, end: s.end - shift, rule: s.rule }));
}

export function summaryOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SUMMARY_CHARS ? `${flat.slice(0, SUMMARY_CHARS - 1)}…` : flat;
}

/** A merged lead still matches by its own text and place, but posts join the lead it was merged into. */
function resolveMerged(db: Db, c: ClusterCandidate): ClusterCandidate | undefined {
  let lead: ClusterCandidate | undefined = c;
  for (let hops = 0; lead && lead.status === 'merged' && lead.merged_into !== null && hops < 10; hops++) lead = getEngineLead(db, lead.merged_into);
  if (!lead || lead.status === 'merged') return undefined;
  return lead === c ? c : { ...c, id: lead.id, status: lead.status, merged_into: null };
}

/**
 * Files one lead verdict: joins the post to a near-duplicate or same-incident lead, or creates a
 * lead. Idempotent per post (lead_posts.post_id is UNIQUE). Writes change_log and audit (SYSTEM)
 * in the caller's transaction.
 */
export function fileVerdict(db: Db, post: FilingPost, verdict: Verdict, fingerprint: string, now: string, policy: ClusterPolicy = DEFAULT_CLUSTER_POLICY): FilingResult {
  const existing = leadIdOfPost(db, post.id);
  if (existing !== undefined) return { action: 'already_filed', leadId: existing };
  if (!verdict.is_lead || !verdict.category || !verdict.urgency) throw new Error(`post ${post.id}: verdict is not a lead`);

  const since = new Date(Date.parse(post.first_seen_at) - policy.duplicateWindowHours * 3_600_000).toISOString();
  const candidates = recentLeads(db, verdict.category, since)
    .map((c) => resolveMerged(db, c))
    .filter((c): c is ClusterCandidate => c !== undefined);
  const match = findCluster(
    { category: verdict.category, subItem: verdict.sub_item, street: verdict.street, place: verdict.place, fingerprint, at: post.first_seen_at },
    candidates,
    policy,
  );
  const spans = textSpans(post, verdict);

  if (!match) {
    const leadId = insertEngineLead(db, {
      category: verdict.category, subItem: verdict.sub_item, urgency: verdict.urgency, district: verdict.district, street: verdict.street,
      place: verdict.place, score: verdict.score, heat: heat([post]), matched: verdict.matched, spans: spans.slice(0, MAX_SPANS),
      fingerprint, summary: summaryOf(post.text || post.title || ''), discoveredAt: post.first_seen_at, now,
      evidence: verdict.evidence ? JSON.stringify(verdict.evidence) : '{}',
    });
    linkPostToLead(db, leadId, post.id, 1, now);
    appendChange(db, 'lead', leadId, now);
    recordAudit(db, {
      actor: SYSTEM, entity: 'lead', entityId: leadId, action: 'created',
      after: { post_id: post.id, category: verdict.category, sub_item: verdict.sub_item, urgency: verdict.urgency, district: verdict.district, street: verdict.street, place: verdict.place, score: verdict.score, matched: verdict.matched },
    });
    return { action: 'created', leadId };
  }

  const lead = getEngineLead(db, match.lead.id)!;
  linkPostToLead(db, lead.id, post.id, lead.fingerprint ? similarity(fingerprint, lead.fingerprint) : null, now);
  const edited = new Set<string>(JSON.parse(lead.edited_fields) as string[]);
  const matched = [...new Set([...(JSON.parse(lead.matched) as string[]), ...verdict.matched])];
  const allSpans = [...(JSON.parse(lead.spans) as LeadSpan[]), ...spans].slice(0, MAX_SPANS);
  const before = { post_count: lead.post_count, heat: lead.heat, urgency: lead.urgency };
  const after = {
    post_count: lead.post_count + 1,
    heat: addHeat(lead.heat, post),
    // A later post may reveal danger; a reviewer's urgency stands, and a reviewed lead keeps its decision.
    urgency: verdict.urgency === 'urgent' && lead.status === 'new' && !edited.has('urgency') ? ('urgent' as const) : lead.urgency,
  };
  patchEngineLead(
    db, lead.id,
    { ...after, score: Math.max(lead.score, verdict.score), matched: JSON.stringify(matched), spans: JSON.stringify(allSpans), last_post_at: post.first_seen_at > lead.last_post_at ? post.first_seen_at : lead.last_post_at },
    lead.version, now,
  );
  appendChange(db, 'lead', lead.id, now);
  recordAudit(db, { actor: SYSTEM, entity: 'lead', entityId: lead.id, action: 'post_added', before, after: { ...after, post_id: post.id, reason: match.reason } });
  return { action: 'joined', leadId: lead.id, reason: match.reason };
}
