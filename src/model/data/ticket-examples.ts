import type { Category } from '../../domain/categories.js';
import { BOARD_FAMILIES } from './board-families.js';
import type { LabelledPost } from './labelled-file.js';
import type { TicketCategoryMap } from './ticket-category-map.js';

/** What training reads of an imported ticket. */
export interface TrainingTicket {
  id: number;
  title: string | null;
  text: string;
  category_raw: string | null;
  department: string | null;
  reply: string | null;
}

export type TicketSkipReason = 'empty_text' | 'no_category' | 'unknown_category';

/** Tickets as training examples: with a category (a labelled post), a department family only, or skipped (counted per reason). */
export interface TicketExamples {
  labelled: LabelledPost[];
  families: { id: string; title: string | null; text: string; family: readonly Category[] }[];
  skipped: Record<TicketSkipReason, number>;
  /** Hotline category names nobody mapped, with how many tickets carried them: what to add to the map next. */
  unknownNames: Record<string, number>;
}

/** "城市管理/市容环卫/垃圾清运" → the path's segments, most specific first. */
export const categorySegments = (raw: string): string[] =>
  raw.split(/[/>＞\\|｜、,，-]+|—+/).map((s) => s.trim()).filter(Boolean).reverse();

/** The category a hotline path maps to: the whole name, else its most specific mapped segment. */
export function mapHotlineCategory(map: TicketCategoryMap, raw: string): Category | 'not_lead' | undefined {
  const whole = map.byName.get(raw.trim());
  if (whole) return whole;
  for (const s of categorySegments(raw)) {
    const to = map.byName.get(s);
    if (to) return to;
  }
  return undefined;
}

/** A family named in the category path itself ("城乡建设/…/其他"), as the board files its letters. */
export function pathFamily(raw: string): readonly Category[] | undefined {
  const name = categorySegments(raw).find((s) => s in BOARD_FAMILIES);
  return name ? BOARD_FAMILIES[name] : undefined;
}

/** The family of the department that handled the ticket: its department column, else the first department the reply names. */
export function departmentFamily(map: TicketCategoryMap, department: string | null, reply: string | null): readonly Category[] | undefined {
  const find = (text: string) => map.departments.find((d) => d.names.some((n) => text.includes(n)));
  if (department) {
    const d = find(department);
    if (d) return d.categories;
  }
  if (reply) {
    // the earliest mention in the reply wins ("经区城管局核查…已转交区住建局" → 城管)
    let best: { at: number; categories: readonly Category[] } | undefined;
    for (const d of map.departments)
      for (const n of d.names) {
        const at = reply.indexOf(n);
        if (at >= 0 && (!best || at < best.at)) best = { at, categories: d.categories };
      }
    return best?.categories;
  }
  return undefined;
}

/**
 * Turns tickets into examples. A mapped category: a lead of that category (urgency and place
 * unknown). A "not a lead" category (咨询, 表扬…): a negative. Otherwise a family named in the path,
 * else the handling department's family, teaches "a lead, one of these"; with none, the ticket is
 * skipped and counted.
 */
export function ticketExamples(map: TicketCategoryMap, tickets: Iterable<TrainingTicket>): TicketExamples {
  const out: TicketExamples = { labelled: [], families: [], skipped: { empty_text: 0, no_category: 0, unknown_category: 0 }, unknownNames: {} };
  for (const t of tickets) {
    if (!t.text.trim()) {
      out.skipped.empty_text++;
      continue;
    }
    const id = `ticket:${t.id}`;
    const mapped = t.category_raw ? mapHotlineCategory(map, t.category_raw) : undefined;
    if (mapped) {
      const lead = mapped !== 'not_lead';
      out.labelled.push({ id, title: t.title, text: t.text, label: { is_lead: lead, category: lead ? mapped : null, urgency: null, district: null, street: null } });
      continue;
    }
    const family = (t.category_raw ? pathFamily(t.category_raw) : undefined) ?? departmentFamily(map, t.department, t.reply);
    if (family) {
      out.families.push({ id, title: t.title, text: t.text, family });
      continue;
    }
    if (!t.category_raw) out.skipped.no_category++;
    else {
      out.skipped.unknown_category++;
      out.unknownNames[t.category_raw] = (out.unknownNames[t.category_raw] ?? 0) + 1;
    }
  }
  return out;
}
