import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import type { AppContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { inTransaction } from '../storage/database.js';
import { getLeadForOrder } from '../storage/lead-confirmation.js';
import { getTransfer, insertTransfer, updateTransfer, type TransferRow } from '../storage/public-interest.js';

type UserActor = Actor & { kind: 'user' };

/** Records a transfer of a lead to a procuratorate (移送检察机关), audited on the lead. */
export function recordTransfer(ctx: AppContext, input: { leadId: number; recipient: string; transferredAt?: string; outcome?: string | null; note?: string | null; actor: UserActor }): TransferRow {
  const now = new Date().toISOString();
  return inTransaction(ctx.db, () => {
    if (!getLeadForOrder(ctx.db, input.leadId)) throw new NotFoundError(`线索 ${input.leadId} 不存在；请检查编号`);
    const row = { lead_id: input.leadId, transferred_at: input.transferredAt ? new Date(input.transferredAt).toISOString() : now, transferred_by: input.actor.id, recipient: input.recipient, outcome: input.outcome ?? null, note: input.note ?? null, updated_at: now };
    const id = insertTransfer(ctx.db, row);
    recordAudit(ctx.db, { actor: input.actor, entity: 'lead', entityId: input.leadId, action: 'transfer', after: { transfer: id, recipient: row.recipient, outcome: row.outcome } });
    return { id, ...row };
  });
}

/** Keeps a transfer's outcome up to date (已立案, 已发出诉前检察建议, 不予立案…), audited with before and after. */
export function updateTransferOutcome(ctx: AppContext, input: { id: number; outcome: string | null; note?: string | null; actor: UserActor }): TransferRow {
  const now = new Date().toISOString();
  return inTransaction(ctx.db, () => {
    const before = getTransfer(ctx.db, input.id);
    if (!before) throw new NotFoundError(`移送记录 ${input.id} 不存在；请刷新页面`);
    const note = input.note === undefined ? before.note : input.note;
    updateTransfer(ctx.db, input.id, { outcome: input.outcome, note, updated_at: now });
    recordAudit(ctx.db, { actor: input.actor, entity: 'lead', entityId: before.lead_id, action: 'transfer_update', before: { transfer: input.id, outcome: before.outcome }, after: { transfer: input.id, outcome: input.outcome } });
    return { ...before, outcome: input.outcome, note, updated_at: now };
  });
}
