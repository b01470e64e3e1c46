import type { LeadStatus } from '../domain/lead-status.js';
import type { Urgency } from '../domain/categories.js';

/** A row of the leads table as stored (JSON columns are strings). Partial views Pick from it. */
export interface LeadRow {
  id: number;
  status: LeadStatus;
  category: string;
  sub_item: string | null;
  urgency: Urgency;
  district: string | null;
  street: string | null;
  place: string | null;
  score: number;
  heat: number;
  post_count: number;
  matched: string;
  spans: string;
  fingerprint: string | null;
  summary: string | null;
  /** The earliest publication time among its posts (null: none said). */
  posted_at: string | null;
  discovered_at: string;
  last_post_at: string;
  reject_reason: string | null;
  reject_note: string | null;
  merged_into: number | null;
  edited_fields: string;
  reviewed_by: number | null;
  reviewed_at: string | null;
  claimed_by: number | null;
  claim_expires_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: number;
  /** JSON: the verdict's evidence (engine/verdict.ts Evidence), '{}' for leads filed without a model or by hand. */
  evidence: string;
}
