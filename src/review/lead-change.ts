import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import type { AppContext } from '../context.js';
import { LEAD_STATUS_LABELS } from '../domain/lead-status.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { appendChange } from '../storage/change-log.js';
import { getLead, updateLead, type LeadRow } from '../storage/lead-review.js';
import { assertNotClaimedByOther } from './claims.js';

export type LeadFields = Parameters<typeof updateLead>[2];

/** Loads a lead for a change: 404 if missing, 409 on a stale version, a wrong status, or someone else's claim. */
export function leadForChange(ctx: AppContext, leadId: number, actor: Actor, opts: { version?: number; statuses: LeadRow['status'][]; verb: string; now: Date }): LeadRow {
  const lead = getLead(ctx.db, leadId);
  if (!lead) throw new NotFoundError(`线索 ${leadId} 不存在；请刷新队列`);
  if (!opts.statuses.includes(lead.status)) {
    throw new ConflictError(`线索 ${leadId} 当前为「${LEAD_STATUS_LABELS[lead.status]}」，不能${opts.verb}；请刷新后查看最新状态`);
  }
  if (opts.version !== undefined && opts.version !== lead.version) {
    throw new ConflictError(`线索 ${leadId} 已被他人修改（您看到的版本 ${opts.version}，当前版本 ${lead.version}）；请刷新后重试`);
  }
  assertNotClaimedByOther(ctx, lead, actor, opts.now);
  return lead;
}

/**
 * Writes fields, bumps the version, and records the change in the same transaction: an audit entry
 * with before/after of exactly the changed fields, and a change_log row (entity 'lead').
 * Call inside inTransaction.
 */
export function writeLeadChange(ctx: AppContext, lead: LeadRow, fields: LeadFields, actor: Actor, action: string, at: string, extra?: Record<string, unknown>): LeadRow {
  updateLead(ctx.db, lead.id, fields, at);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    const old = (lead as unknown as Record<string, unknown>)[k];
    if (old !== v && !k.startsWith('claim')) {
      before[k] = old;
      after[k] = v;
    }
  }
  before.version = lead.version;
  after.version = lead.version + 1;
  recordAudit(ctx.db, { actor, entity: 'lead', entityId: lead.id, action, before, after: { ...after, ...extra } });
  appendChange(ctx.db, 'lead', lead.id, at);
  return getLead(ctx.db, lead.id)!;
}
