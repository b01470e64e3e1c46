import type { MatchContext, Span } from '../rules/condition.js';
import type { PhraseIndex } from '../text/phrase-index.js';
import { wordBoundaries } from '../text/segmenter.js';

const WINDOW = 6;
import type { ForeignPlace, Gazetteer, Surface } from './gazetteer.js';

export interface Mention {
  start: number;
  end: number;
  surface?: Surface;
  /** Set for a place outside the jurisdiction. */
  foreignCity?: string;
  foreignWeak?: boolean;
  /** Where someone goes ("去福田"), not necessarily where the problem is. */
  destination?: boolean;
}

export interface MentionIndexOptions {
  ignoreBefore: string[];
  ignoreAfter: string[];
  destinationBefore: string[];
  /** Extra foreign surfaces (rules/jurisdiction.yaml), merged with the gazetteer's other-places. */
  foreign: Map<string, ForeignPlace>;
}

// A weak alias ("光明", "东门") names a place only next to a place-like word or a locality word.
const WEAK_CONTEXT_AFTER = /^(?:这边|那边|这里|那里|这一带|一带|附近|片区|那片|这片|街道|区|的[\u4e00-\u9fff]{0,6}(?:小区|村|路|街|站|公园|市场)|[\u4e00-\u9fff]{1,5}(?:路|大道|街|村|小区|花园|公园|广场|站|市场|医院|学校|工业区|工业园|社区|小镇|中心|大厦|商场|城|新村))/u;

const NUMERAL_END = /^[一二两三四五六七八九十几][个只位辆栋家次下点些样起块条张名间层楼号天年]/u;

/** Finds place mentions (jurisdiction and foreign) among the shared PhraseIndex hits of a post. */
export class MentionIndex {
  private readonly byPhrase = new Map<number, { length: number; surface?: Surface; foreignCity?: string; foreignWeak?: boolean }>();

  constructor(
    gazetteer: Gazetteer,
    index: PhraseIndex,
    private readonly options: MentionIndexOptions,
  ) {
    for (const surface of gazetteer.surfaces.values()) this.byPhrase.set(index.add(surface.text), { length: surface.text.length, surface });
    for (const [text, place] of [...options.foreign, ...gazetteer.foreign]) {
      if (gazetteer.surfaces.has(text)) continue;
      this.byPhrase.set(index.add(text), { length: text.length, foreignCity: place.city.replace(/市$/, ''), foreignWeak: place.weak });
    }
  }

  mentions(ctx: MatchContext): Mention[] {
    const all: Mention[] = [];
    for (const [phrase, positions] of ctx.hits) {
      const entry = this.byPhrase.get(phrase);
      if (!entry) continue;
      for (const start of positions) all.push({ start, end: start + entry.length, surface: entry.surface, foreignCity: entry.foreignCity, foreignWeak: entry.foreignWeak });
    }
    // Longest match wins: "南山大道" is a road, not the district 南山.
    all.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: Mention[] = [];
    let reach = -1;
    for (const m of all) {
      if (m.end <= reach) continue;
      if (m.start < reach) continue;
      kept.push(m);
      reach = m.end;
    }
    // "白云区石井", "福永凤凰村": a name right after another place names a place inside it. After a
    // foreign place it is that city's (not ours); after one of our districts/streets it keeps only
    // the units that lie there (none: a sub-place our gazetteer does not know, so no evidence).
    // Two of our names that nest ("光明新湖", "罗湖布心") confirm each other, even when both are weak.
    const nested = new Set<Mention>();
    for (let i = 1; i < kept.length; i++) {
      const outer = kept[i - 1]!;
      const inner = kept[i]!;
      if (outer.end !== inner.start || !inner.surface) continue;
      if (outer.foreignCity && !outer.foreignWeak) {
        kept.splice(i--, 1);
        continue;
      }
      // "南头古城东门", "莲花山公园北门": a weak name right after a named place is a part of it (its
      // gate, its side), not a second place elsewhere.
      const outerIsPlace = outer.surface && !outer.surface.weak && outer.surface.units.every((u) => u.kind !== 'district' && u.kind !== 'street');
      if (inner.surface.weak && outerIsPlace) {
        kept.splice(i--, 1);
        continue;
      }
      const area = outer.surface?.units.filter((u) => u.kind === 'district' || u.kind === 'street');
      if (!area || area.length !== outer.surface!.units.length || area.length === 0) continue;
      // A unit lies inside unless it is placed in another district or another street of ours.
      const inside = inner.surface.units.filter((u) =>
        area.some((a) => !u.district || (u.district === a.district && (a.kind === 'district' || !u.street || u.street === a.street))),
      );
      if (inside.length === 0) {
        kept.splice(i--, 1);
        continue;
      }
      if (inside.length !== inner.surface.units.length) kept[i] = { ...inner, surface: { ...inner.surface, units: inside } };
      nested.add(outer).add(kept[i]!);
    }
    const anyStrong = kept.some((m) => m.surface && !m.surface.weak && !this.ignored(ctx.text, m));
    const strongForeign = new Set(kept.filter((m) => m.foreignCity && !m.foreignWeak).map((m) => m.foreignCity));
    for (const m of kept) {
      const before = ctx.text.slice(Math.max(0, m.start - 2), m.start);
      if (this.options.destinationBefore.some((w) => before.endsWith(w))) m.destination = true;
    }
    return kept.filter((m) => {
      if (this.ignored(ctx.text, m)) return false;
      // "阿婆和一个小孩": a name ending in a numeral before a measure word is a count, not a place.
      if (m.surface && NUMERAL_END.test(ctx.text.slice(m.end - 1, m.end + 1))) return false;
      if (m.surface?.weak && !anyStrong && !nested.has(m) && !WEAK_CONTEXT_AFTER.test(ctx.text.slice(m.end, m.end + 12))) return false;
      if (m.foreignCity) {
        if (m.foreignWeak && !strongForeign.has(m.foreignCity)) return false;
        // A short foreign name inside a longer word ("通道里" is not 哈尔滨's 道里) is no mention.
        // "番禺市桥": next to another foreign name or before 市/区/县/镇 it is a name even where jieba cuts across it.
        const besideForeign = kept.some((o) => o !== m && o.foreignCity && (o.end === m.start || o.start === m.end));
        if (m.end - m.start <= 2 && !besideForeign && !/^[市区县镇]/u.test(ctx.text.slice(m.end, m.end + 1)) && !this.isWord(ctx, m)) return false;
      }
      // Next to another place name ("坪山石井") a weak alias is a place even where jieba cuts across it.
      const adjacent = kept.some((o) => o !== m && o.surface && (o.end === m.start || o.start === m.end));
      if (m.surface?.weak && m.end - m.start <= 2 && !adjacent && !this.isWord(ctx, m)) return false;
      return true;
    });
  }

  /** Whether jieba cuts a word at both ends of the mention; segments a small window only (it is the costly part). */
  private isWord(ctx: MatchContext, m: Mention): boolean {
    const from = Math.max(0, m.start - WINDOW);
    const b = wordBoundaries(ctx.text.slice(from, m.end + WINDOW));
    return b.has(m.start - from) && b.has(m.end - from);
  }

  /** "从深圳过来", "香港朋友": the mention says where people come from, not where the problem is. */
  private ignored(text: string, m: Mention): boolean {
    const before = text.slice(Math.max(0, m.start - 3), m.start);
    const after = text.slice(m.end, m.end + 3);
    return this.options.ignoreBefore.some((w) => before.endsWith(w)) || this.options.ignoreAfter.some((w) => after.startsWith(w));
  }
}

export type { Span };
