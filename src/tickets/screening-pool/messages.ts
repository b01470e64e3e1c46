import type { TicketForScreening, TicketReading } from '../../storage/tickets.js';

/** What the screening pool's main thread and its workers say to each other. */
export interface ScreeningSetup {
  entry: string;
  rulesDir: string;
  city: string;
  /** The model as file bytes (decoded in each worker), or none. */
  model: { version: string; bytes: Uint8Array } | null;
}

export interface ScreeningRequest {
  seq: number;
  tickets: TicketForScreening[];
}

export type ScreeningResult = { seq: number; readings: TicketReading[] } | { seq: number; error: string };
