import { wordBoundaries } from '../text/segmenter.js';
import type { PhraseIndex } from '../text/phrase-index.js';
import type { MatchContext } from './condition.js';

/** What evaluating conditions over one normalised text needs: its phrase hits, caches, word boundaries on demand. */
export function matchContext(text: string, index: PhraseIndex): MatchContext {
  let boundaries: Set<number> | undefined;
  return { text, hits: index.scan(text), regexCache: new Map(), termCache: new Map(), wordBoundaries: () => (boundaries ??= wordBoundaries(text)) };
}
