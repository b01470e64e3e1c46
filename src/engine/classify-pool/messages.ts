/** What the classify pool's main thread and its workers say to each other. */
export interface PoolSetup {
  entry: string;
  rulesDir: string;
  city: string;
  /** The model as file bytes (decoded and checked again in each worker), or none. */
  model: { version: string; bytes: Uint8Array } | null;
}

export interface BatchRequest {
  seq: number;
  firstLineNo: number;
  lines: string[];
}

export interface BatchResult {
  seq: number;
  /** Verdict lines, each ending in a newline, in input order. */
  out: string;
  lines: number;
  leads: number;
  errors: number;
}
