import { CATEGORY_CODES, type Category } from '../domain/categories.js';
import type { Db } from '../storage/database.js';
import { verifierDecisions } from '../storage/training-examples.js';
import type { LabelledPost } from './data/labelled-file.js';

const isCategory = (c: string | null): c is Category => !!c && (CATEGORY_CODES as readonly string[]).includes(c);

/** Verifier decisions as labelled posts (a positive without a valid category teaches "lead" only through the lead head). */
export function decisionPosts(db: Db): LabelledPost[] {
  const seen = new Set<number>();
  const out: LabelledPost[] = [];
  for (const r of verifierDecisions(db)) {
    if (seen.has(r.post_id)) continue;
    seen.add(r.post_id);
    const lead = r.is_lead === 1 && isCategory(r.category);
    if (r.is_lead === 1 && !lead) continue;
    out.push({
      id: `post:${r.post_id}`,
      title: r.title,
      text: r.text,
      ip_location: r.ip_location,
      label: lead
        ? { is_lead: true, category: r.category as Category, urgency: r.urgency === 'urgent' ? 'urgent' : r.urgency === 'normal' ? 'normal' : null, district: r.district, street: r.street, place: r.place }
        : { is_lead: false, category: null, urgency: null, district: null, street: null, place: null },
    });
  }
  return out;
}
