import { normalise } from '../engine/text/normalise.js';
import { simhash } from './simhash.js';

// Repost wrappers ("转发微博", "rt") are not part of what the post says.
const REPOST_PREFIX = /^(?:转发微博|转发|转|repost|rt)[\s:：]*/iu;

/**
 * The SimHash of a post's text as clustering compares it: normalised, repost wrappers removed,
 * and for a Weibo-style chain ("说得对//@某人: 原文") only the original at the end.
 */
export function fingerprintOf(text: string): string {
  let t = normalise(text).text;
  const chain = t.lastIndexOf('//');
  if (chain >= 0 && t.length - chain > 10) t = t.slice(chain + 2);
  return simhash(t.replace(/^[\s:：]+/u, '').replace(REPOST_PREFIX, ''));
}
