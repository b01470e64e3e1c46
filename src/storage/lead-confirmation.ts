import type { Db } from './database.js';
import type { LeadRow } from './lead-row.js';
import { stmt } from './statements.js';

/** The part of a lead that confirmation reads (the leads repository itself belongs to the review queue). */
export type LeadForOrder = Pick<LeadRow, 'id' | 'status' | 'category' | 'sub_item' | 'urgency' | 'district' | 'street' | 'place' | 'summary' | 'discovered_at' | 'reject_reason' | 'merged_into' | 'claimed_by' | 'claim_expires_at' | 'version'>;

export function getLeadForOrder(db: Db, leadId: number): LeadForOrder | undefined {
  return stmt(db, 
      `SELECT id, status, category, sub_item, urgency, district, street, place, summary, discovered_at, reject_reason,
         merged_into, claimed_by, claim_expires_at, version FROM leads WHERE id = ?`,
    )
    .get(leadId) as LeadForOrder | undefined;
}

export function markLeadConfirmed(db: Db, leadId: number, reviewer: number | null, at: string): void {
  stmt(db, 
    `UPDATE leads SET status = 'confirmed', reviewed_by = ?, reviewed_at = ?, claimed_by = NULL, claim_expires_at = NULL,
       updated_at = ?, version = version + 1 WHERE id = ?`,
  ).run(reviewer, at, at, leadId);
}

