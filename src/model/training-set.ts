import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Category } from '../domain/categories.js';
import type { Label } from '../engine/evaluation.js';
import { readLabelledFile, type DataIssue, type LabelledPost } from './data/labelled-file.js';
import { boardMessages, hasRealText, weiboPosts } from './data/real-text.js';
import type { TicketExamples } from './data/ticket-examples.js';
import type { TrainingExample } from './train.js';

/** Where training examples come from, and how much each kind counts. */
export interface TrainingSources {
  /** Folders of labelled JSON Lines (the guide's format), e.g. rules/corpus and test/engine/fixtures. */
  labelledDirs: string[];
  /** The shared real-text folder; skipped (with a note) when absent. */
  realTextDir: string | null;
  /** How many everyday Weibo posts (training part) join as negatives. */
  weiboNegatives: number;
  /** Labelled posts from a deployment's own verifier decisions. */
  decisions: LabelledPost[];
  /** Imported hotline tickets through the category map (`train --tickets`); absent: not used. */
  tickets?: TicketExamples;
  weights: { labelled: number; board: number; weibo: number; decisions: number; tickets: number };
}

export const DEFAULT_WEIGHTS: TrainingSources['weights'] = { labelled: 1, board: 0.5, weibo: 0.4, decisions: 1.5, tickets: 0.8 };

/** What an example is, for reports: its set, its id, and the label or board family it carries. */
export interface ExampleMeta {
  set: string;
  id: string;
  post?: LabelledPost;
  family?: readonly Category[];
  kind: 'labelled' | 'board' | 'weibo' | 'ticket-family';
}

export interface TrainingSet {
  examples: TrainingExample[];
  /** The raw text of each example (title joined), for scoring it again through the engine. */
  texts: string[];
  meta: ExampleMeta[];
  issues: DataIssue[];
  /** Per source: file or folder, rows used. The manifest a model version records. */
  manifest: { source: string; rows: number; weight: number }[];
  notes: string[];
}

/** A post as the model reads it: the normalised text the rules see, and the rules' findings as tokens. */
export type ToInput = (title: string | null | undefined, text: string) => { text: string; ruleTokens: string[] };

export function labelledFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The set a labelled file belongs to: a corpus group split over files (ca-01 … ca-07) is reported as one set. */
export const labelledSetName = (file: string): string => path.basename(file, '.jsonl').replace(/-\d+$/, '');

export function exampleOf(label: Label, input: { text: string; ruleTokens?: string[] }, weight: number): TrainingExample {
  return {
    text: input.text,
    ruleTokens: input.ruleTokens,
    lead: label.is_lead,
    categories: label.is_lead && label.category ? [label.category] : null,
    urgent: label.is_lead && label.urgency ? label.urgency === 'urgent' : null,
    weight,
  };
}

export function buildTrainingSet(sources: TrainingSources, toInput: ToInput): TrainingSet {
  const set: TrainingSet = { examples: [], texts: [], meta: [], issues: [], manifest: [], notes: [] };
  const seen = new Set<string>();
  for (const dir of sources.labelledDirs) {
    for (const file of labelledFiles(dir)) {
      const { posts, issues } = readLabelledFile(file);
      set.issues.push(...issues);
      const name = labelledSetName(file);
      let used = 0;
      for (const post of posts) {
        // the same id in two files is one post: the first file's label wins
        const key = `${name}\u0000${post.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        set.examples.push(exampleOf(post.label, toInput(post.title, post.text), sources.weights.labelled));
        set.texts.push(post.title ? `${post.title}\n${post.text}` : post.text);
        set.meta.push({ set: name, id: post.id, post, kind: 'labelled' });
        used++;
      }
      set.manifest.push({ source: path.relative(process.cwd(), file), rows: used, weight: sources.weights.labelled });
    }
  }
  if (sources.decisions.length > 0) {
    for (const post of sources.decisions) {
      set.examples.push(exampleOf(post.label, toInput(post.title, post.text), sources.weights.decisions));
      set.texts.push(post.title ? `${post.title}\n${post.text}` : post.text);
      set.meta.push({ set: 'decisions', id: post.id, post, kind: 'labelled' });
    }
    set.manifest.push({ source: 'verifier decisions', rows: sources.decisions.length, weight: sources.weights.decisions });
  }
  if (sources.tickets) addTickets(set, sources.tickets, sources.weights.tickets, toInput);
  if (sources.realTextDir && hasRealText(sources.realTextDir)) {
    const board = boardMessages(sources.realTextDir, 'train');
    for (const m of board) {
      // a letter to the board reports a problem (about one in ten only asks): lead, category within its family
      set.examples.push({ ...toInput(null, m.text), lead: true, categories: m.family, urgent: null, weight: sources.weights.board });
      set.texts.push(m.text);
      set.meta.push({ set: 'real-board', id: m.id, family: m.family, kind: 'board' });
    }
    set.manifest.push({ source: 'real-text/civic-messages-labelled.jsonl (training part)', rows: board.length, weight: sources.weights.board });
    const weibo = weiboPosts(sources.realTextDir, 'train', sources.weiboNegatives);
    for (const p of weibo) {
      set.examples.push({ ...toInput(null, p.text), lead: false, categories: null, urgent: null, weight: sources.weights.weibo });
      set.texts.push(p.text);
      set.meta.push({ set: 'real-weibo', id: p.id, kind: 'weibo' });
    }
    set.manifest.push({ source: 'real-text/weibo-posts.jsonl (training part)', rows: weibo.length, weight: sources.weights.weibo });
  } else if (sources.realTextDir) {
    set.notes.push(`real text not found in ${sources.realTextDir}: trained on the labelled corpus only`);
  }
  return set;
}

/**
 * Hotline tickets: those with a mapped category as the labelled set "tickets" (scored out-of-fold
 * like the corpus), those known only by their department's family as partial labels (as board
 * letters); the skipped ones are counted in the notes, per reason.
 */
function addTickets(set: TrainingSet, t: TicketExamples, weight: number, toInput: ToInput): void {
  for (const post of t.labelled) {
    set.examples.push(exampleOf(post.label, toInput(post.title, post.text), weight));
    set.texts.push(post.title ? `${post.title}\n${post.text}` : post.text);
    set.meta.push({ set: 'tickets', id: post.id, post, kind: 'labelled' });
  }
  set.manifest.push({ source: 'hotline tickets with a mapped category', rows: t.labelled.length, weight });
  for (const f of t.families) {
    set.examples.push({ ...toInput(f.title, f.text), lead: true, categories: f.family, urgent: null, weight });
    set.texts.push(f.title ? `${f.title}\n${f.text}` : f.text);
    set.meta.push({ set: 'tickets-family', id: f.id, family: f.family, kind: 'ticket-family' });
  }
  set.manifest.push({ source: "hotline tickets by their department's family", rows: t.families.length, weight });
  const skipped = Object.entries(t.skipped).filter(([, n]) => n > 0);
  if (skipped.length) set.notes.push(`hotline tickets skipped: ${skipped.map(([reason, n]) => `${n} ${reason.replaceAll('_', ' ')}`).join(', ')}`);
  const unknown = Object.entries(t.unknownNames).sort((a, b) => b[1] - a[1]).slice(0, 10);
  if (unknown.length) set.notes.push(`hotline categories not in the map (most tickets first; add them to rules/ticket-training/category-map.yaml): ${unknown.map(([name, n]) => `${name} (${n})`).join(', ')}`);
}
