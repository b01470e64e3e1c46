import type { Db } from './database.js';
import { stmt } from './statements.js';

/**
 * A deployment's own history as labelled posts: what verifiers decided. Confirmed leads (and
 * duplicates: the post was a lead, only already known) are positives with the category, urgency
 * and place as the verifier left them; leads rejected as not civic, advertising, outside the
 * jurisdiction or too thin are negatives; 可能遗漏 decisions count both ways. Merged leads and
 * leads still new teach nothing yet.
 */
export interface DecisionRow {
  post_id: number;
  title: string | null;
  text: string;
  ip_location: string | null;
  is_lead: 0 | 1;
  category: string | null;
  urgency: string | null;
  district: string | null;
  street: string | null;
  place: string | null;
}

export function verifierDecisions(db: Db): DecisionRow[] {
  return stmt(
    db,
    `SELECT p.id AS post_id, p.title, p.text, p.ip_location,
            CASE WHEN l.status = 'confirmed' OR l.reject_reason = 'duplicate' THEN 1 ELSE 0 END AS is_lead,
            l.category, l.urgency, l.district, l.street, l.place
       FROM leads l JOIN lead_posts lp ON lp.lead_id = l.id JOIN posts p ON p.id = lp.post_id
      WHERE l.status = 'confirmed' OR l.status = 'rejected'
     UNION ALL
     SELECT p.id, p.title, p.text, p.ip_location, CASE m.status WHEN 'lead' THEN 1 ELSE 0 END,
            m.decided_category, NULL, NULL, NULL, NULL
       FROM missed_candidates m JOIN posts p ON p.id = m.post_id
      WHERE m.status = 'not_lead'
         OR (m.status = 'lead' AND NOT EXISTS (SELECT 1 FROM leads l2 WHERE l2.id = m.lead_id AND l2.status IN ('confirmed', 'rejected')))
      ORDER BY 1`,
  ).all() as DecisionRow[];
}
