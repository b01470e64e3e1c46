import { SYSTEM } from '../audit/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { judge, type ActiveModel } from '../engine/judge.js';
import { adjustCitizenVerdict } from '../citizen-reports/report-verdict.js';
import type { Engine } from '../engine/engine.js';
import type { Verdict } from '../engine/verdict.js';
import { appendChange } from '../storage/change-log.js';
import type { Db } from '../storage/database.js';
import { inSavepoint, inTransaction, nowIso } from '../storage/database.js';
import { countPosts, getEngineLead, leadIdOfPost, patchEngineLead, postsPage, type EngineLeadPatch, type LeadSpan } from '../storage/leads.js';
import type { ClusterPolicy } from './cluster.js';
import { fileVerdict, textSpans, type FilingPost } from './file-lead.js';
import { fingerprintOf } from './fingerprint.js';

export interface ReclassifyStats {
  total: number;
  done: number;
  created: number;
  joined: number;
  updated: number;
  unchanged: number;
  /** Leads a reviewer already decided (status not new): left exactly as they are. */
  keptReviewed: number;
  /** New leads whose first post the engine no longer calls a lead: left for a reviewer to reject. */
  noLongerLead: number;
  errors: number;
  /** The latest failure, so an operator knows what to fix. */
  lastError?: string;
}

const ENGINE_FIELDS = ['category', 'sub_item', 'urgency', 'district', 'street', 'place'] as const;

function firstPostId(db: Db, leadId: number): number {
  return db.prepare('SELECT min(post_id) FROM lead_posts WHERE lead_id = ?').pluck().get(leadId) as number;
}

/** Refreshes a `new` lead from its first post's new verdict, never touching fields a reviewer edited. */
function refreshLead(db: Db, leadId: number, post: FilingPost, verdict: Verdict, now: string, stats: ReclassifyStats): void {
  const lead = getEngineLead(db, leadId)!;
  if (lead.status !== 'new') {
    stats.keptReviewed++;
    return;
  }
  if (firstPostId(db, leadId) !== post.id) {
    stats.unchanged++;
    return;
  }
  if (!verdict.is_lead) {
    stats.noLongerLead++;
    return;
  }
  const edited = new Set(JSON.parse(lead.edited_fields) as string[]);
  const next: Record<(typeof ENGINE_FIELDS)[number], string | null> = {
    category: verdict.category, sub_item: verdict.sub_item, urgency: verdict.urgency,
    district: verdict.district, street: verdict.street, place: verdict.place,
  };
  const patch: EngineLeadPatch = {};
  const before: Record<string, unknown> = {};
  for (const f of ENGINE_FIELDS) {
    if (edited.has(f) || lead[f] === next[f]) continue;
    before[f] = lead[f];
    (patch as Record<string, unknown>)[f] = next[f];
  }
  const spans = [...(JSON.parse(lead.spans) as LeadSpan[]).filter((s) => s.post_id !== post.id), ...textSpans(post, verdict)];
  // Other posts of the cluster matched rules too: keep theirs, add what the new rules found.
  const known = JSON.parse(lead.matched) as string[];
  if (verdict.matched.some((r) => !known.includes(r))) {
    before.matched = known;
    patch.matched = JSON.stringify([...new Set([...known, ...verdict.matched])]);
    patch.spans = JSON.stringify(spans);
  }
  if (!edited.has('score') && verdict.score !== lead.score) patch.score = verdict.score;
  const changed = Object.keys(patch).filter((k) => k !== 'score');
  if (changed.length === 0) {
    stats.unchanged++;
    return;
  }
  patchEngineLead(db, leadId, patch, lead.version, now);
  appendChange(db, 'lead', leadId, now);
  recordAudit(db, { actor: SYSTEM, entity: 'lead', entityId: leadId, action: 'reclassified', before, after: Object.fromEntries(changed.map((k) => [k, k === 'matched' || k === 'spans' ? JSON.parse(patch[k]!) : (patch as Record<string, unknown>)[k]])) });
  stats.updated++;
}

/**
 * Re-runs the engine over every stored post after a rule change. Posts not yet in a lead are filed
 * (created or clustered) as the pipeline would; existing `new` leads are refreshed from their first
 * post; reviewed leads and reviewer-edited fields are never touched; nothing is duplicated
 * (lead_posts.post_id is UNIQUE). Safe to interrupt and run again.
 */
export function reclassify(db: Db, engine: Engine, onProgress?: (s: ReclassifyStats) => void, batchSize = 500, policy?: ClusterPolicy, model?: ActiveModel, isLocal?: (platform: string) => boolean): ReclassifyStats {
  const stats: ReclassifyStats = { total: countPosts(db), done: 0, created: 0, joined: 0, updated: 0, unchanged: 0, keptReviewed: 0, noLongerLead: 0, errors: 0 };
  let after = 0;
  for (;;) {
    const page = postsPage(db, after, batchSize);
    if (page.length === 0) break;
    const now = nowIso();
    inTransaction(db, () => {
      for (const post of page) {
        try {
          inSavepoint(db, () => {
            // 市民随手拍: always a lead, placed by the resident's pick, as the lead step files it
            const verdict = adjustCitizenVerdict(db, post, judge({ id: String(post.id), title: post.title, text: post.text, ip_location: post.ip_location, platformLocal: isLocal?.(post.platform) }, engine, model));
            const leadId = leadIdOfPost(db, post.id);
            if (leadId !== undefined) return refreshLead(db, leadId, post, verdict, now, stats);
            if (!verdict.is_lead) return void stats.unchanged++;
            const result = fileVerdict(db, post, verdict, fingerprintOf(post.text || post.title || ''), now, policy);
            if (result.action === 'created') stats.created++;
            else stats.joined++;
          });
        } catch (err) {
          stats.errors++;
          stats.lastError = `post ${post.id}: ${(err as Error).message}`;
        }
        stats.done++;
      }
    });
    after = page[page.length - 1]!.id;
    onProgress?.(stats);
  }
  return stats;
}
