import type { PlacedIssue } from '../../files/issue-positions.js';
import type { Summary } from '../../model/model-eval.js';

/** What the trial's thread is given: the running rules, the edit, where the labelled sets are, and the stored posts. */
export interface TrialSetup {
  entry: string;
  rulesDir: string;
  city: string;
  /** Path inside the rules folder of the edited file. */
  file: string;
  text: string;
  labelledDirs: string[];
  stored: { id: number; title: string | null; text: string; ip_location: string | null }[];
  /** Only load the edited engine (activation's check): no posts judged. */
  loadOnly?: boolean;
}

/** A post that changed: its id and text (shown only as text). */
export interface ChangedPost {
  id: string;
  title: string | null;
  text: string;
}

/** One set before → after: rules-only figures, and the posts judged right (labelled) or a lead (stored) only after (gained) or only before (lost). */
export interface TrialSet {
  set: string;
  kind: 'labelled' | 'stored';
  posts: number;
  before: Summary;
  after: Summary;
  gainedCount: number;
  lostCount: number;
  /** The first TRIAL_LIST_LIMIT of each. */
  gained: ChangedPost[];
  lost: ChangedPost[];
}

export type TrialResult = { ok: true; sets: TrialSet[]; durationMs: number } | { ok: false; issues: PlacedIssue[] };
