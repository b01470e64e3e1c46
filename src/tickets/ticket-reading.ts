import { judge, type ActiveModel } from '../engine/judge.js';
import type { Engine } from '../engine/engine.js';
import type { TicketForScreening, TicketReading } from '../storage/tickets.js';

export interface ReadingParts {
  engine: Engine;
  model?: ActiveModel;
  /** 公益诉讼 domains of a title and text (rules/public-interest.yaml). */
  domains: (title: string | null | undefined, text: string) => string[];
  /** The hotline's district column as a district of the jurisdiction, or null. */
  district: (raw: string | null) => string | null;
}

/**
 * The engine's reading of a ticket: the same verdict posts get (rules + model, `judge`), with the
 * hotline counted as a local platform (a 12345 ticket is the city's by definition) and the address
 * column read with the text. The hotline's district column fills the district when the text
 * places it nowhere. Pure given its parts.
 */
export function ticketReading(t: TicketForScreening, p: ReadingParts): TicketReading {
  const text = t.address ? `${t.text}\n${t.address}` : t.text;
  const v = judge({ id: String(t.id), title: t.title, text, platformLocal: true }, p.engine, p.model);
  const column = p.district(t.district_raw);
  const useColumn = v.district === null && column !== null;
  return {
    id: t.id,
    is_lead: v.is_lead,
    category: v.category,
    sub_item: v.sub_item,
    urgency: v.urgency,
    district: useColumn ? column : v.district,
    street: useColumn ? null : v.street,
    place: v.place,
    domains: p.domains(t.title, text),
  };
}

/** Readings of a batch; a ticket the engine fails on is read as no lead with the hotline's district (it never blocks the others). */
export function readBatch(tickets: readonly TicketForScreening[], p: ReadingParts, onError?: (id: number, err: Error) => void): TicketReading[] {
  return tickets.map((t) => {
    try {
      return ticketReading(t, p);
    } catch (err) {
      onError?.(t.id, err as Error);
      return { id: t.id, is_lead: false, category: null, sub_item: null, urgency: null, district: p.district(t.district_raw), street: null, place: null, domains: [] };
    }
  });
}
