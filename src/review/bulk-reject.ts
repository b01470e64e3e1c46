import type { Actor } from '../audit/actor.js';
import type { AppContext } from '../context.js';
import type { RejectReason } from '../domain/lead-status.js';
import { CivicRadarError } from '../errors.js';
import { rejectLead } from './lead-actions.js';

export interface BulkRejectInput {
  leads: { id: number; version: number }[];
  reason: RejectReason;
  note?: string | null;
  actor: Actor;
}

export type BulkRejectResult = { id: number; rejected: true; version: number } | { id: number; rejected: false; error: string };

/**
 * Rejects each lead with the same reason, each in its own transaction and with the version the
 * verifier saw: one changed or claimed meanwhile is reported and left alone, the rest go through.
 */
export function bulkReject(ctx: AppContext, input: BulkRejectInput, now = new Date()): BulkRejectResult[] {
  return input.leads.map(({ id, version }) => {
    try {
      const lead = rejectLead(ctx, { leadId: id, actor: input.actor, version, reason: input.reason, note: input.note }, now);
      return { id, rejected: true as const, version: lead.version };
    } catch (err) {
      if (err instanceof CivicRadarError) return { id, rejected: false as const, error: err.message };
      throw err;
    }
  });
}
