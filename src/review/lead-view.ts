import type { AppContext } from '../context.js';
import { REJECT_REASONS, type RejectReason } from '../domain/lead-status.js';
import { NotFoundError } from '../errors.js';
import { auditLines } from '../text/audit-lines.js';
import { getLead, leadPosts, mergedSources, userDisplayName, workOrderNumberOfLead } from '../storage/lead-review.js';
import { activeClaim } from './claims.js';
import { ruleNames } from '../engine/rule-names.js';
import type { Evidence } from '../engine/verdict.js';
import { domainsOfLead } from '../public-interest/domain-names.js';
import { leadHotline } from '../collision/linked-ticket-view.js';

interface Span {
  post_id: number;
  start: number;
  end: number;
  rule?: string;
}

/** Only http(s) links leave the app: a crawled `javascript:` or `data:` URL becomes null. */
export function safeLink(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** The stored evidence, or null when the lead has none (filed by the rules alone, or by hand). */
export function parseEvidence(json: string | undefined): Evidence | null {
  try {
    const e = JSON.parse(json ?? '{}') as Evidence;
    return e && typeof e === 'object' && typeof e.decided_by === 'string' ? e : null;
  } catch {
    return null;
  }
}

/** Everything the lead page shows, as data: post text stays raw text (the UI renders it with textContent). */
export function leadView(ctx: AppContext, leadId: number, viewerId: number | null) {
  const lead = getLead(ctx.db, leadId);
  if (!lead) throw new NotFoundError(`线索 ${leadId} 不存在；请返回队列`);
  const spans = JSON.parse(lead.spans) as Span[];
  const ruleName = ruleNames(ctx.config.rulesDir);
  const matched = JSON.parse(lead.matched) as string[];
  const posts = leadPosts(ctx.db, leadId).map((p) => {
    const len = p.text.length;
    return {
      id: p.id, platform: p.platform, platformPostId: p.platform_post_id, url: safeLink(p.url), author: p.author, title: p.title, text: p.text,
      publishedAt: p.published_at, ipLocation: p.ip_location, likes: p.likes, comments: p.comments, shares: p.shares, views: p.views,
      firstSeenAt: p.first_seen_at, similarity: p.similarity,
      // Offsets are UTF-16 code units into posts.text; out-of-range spans are dropped, not trusted.
      spans: spans
        .filter((s) => s.post_id === p.id && Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= len)
        .map((s) => ({ start: s.start, end: s.end, rule: s.rule ?? null, ruleName: s.rule ? ruleName(s.rule) : null })),
    };
  });
  return {
    id: lead.id, status: lead.status, category: lead.category, subItem: lead.sub_item, urgency: lead.urgency, district: lead.district,
    street: lead.street, place: lead.place, score: lead.score, heat: lead.heat, postCount: lead.post_count, summary: lead.summary,
    matched, matchedNames: [...new Set(matched.map(ruleName))], evidence: parseEvidence(lead.evidence), editedFields: JSON.parse(lead.edited_fields) as string[],
    postedAt: lead.posted_at, discoveredAt: lead.discovered_at, lastPostAt: lead.last_post_at, createdAt: lead.created_at, updatedAt: lead.updated_at, version: lead.version,
    rejectReason: lead.reject_reason, rejectReasonLabel: lead.reject_reason ? REJECT_REASONS[lead.reject_reason as RejectReason] : null, rejectNote: lead.reject_note,
    mergedInto: lead.merged_into, mergedFrom: mergedSources(ctx.db, leadId),
    reviewedBy: userDisplayName(ctx.db, lead.reviewed_by), reviewedAt: lead.reviewed_at, createdBy: userDisplayName(ctx.db, lead.created_by),
    workOrder: workOrderNumberOfLead(ctx.db, leadId),
    domains: domainsOfLead(ctx.db, ctx.config.rulesDir, leadId),
    // 已诉 / 未诉 and the 12345 tickets linked to this lead (src/collision/).
    hotline: leadHotline(ctx.db, leadId),
    claim: activeClaim(ctx, lead, viewerId),
    posts,
    audit: auditLines(ctx, 'lead', leadId),
  };
}
export type LeadView = ReturnType<typeof leadView>;
