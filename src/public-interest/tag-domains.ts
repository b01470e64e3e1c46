import { evaluate } from '../engine/rules/condition.js';
import { matchContext } from '../engine/rules/match-context.js';
import { normalise } from '../engine/text/normalise.js';
import { domainRulesFor, type DomainRules } from './domain-rules.js';

/** The 公益诉讼 domains a post's title and text fall in (codes in file order; none, one or several). */
export function tagDomains(rules: DomainRules, title: string | null | undefined, text: string): string[] {
  const n = normalise(title ? `${title}\n${text}` : text, rules.variants);
  const ctx = matchContext(n.text, rules.index);
  return rules.domains.filter((d) => d.rules.some((r) => evaluate(r, ctx) !== undefined)).map((d) => d.code);
}

/** The tagger the lead step uses: the current rules of the directory (loaded now, so a broken file is named at start). */
export function publicInterestDomains(rulesDir: string): (title: string | null | undefined, text: string) => string[] {
  domainRulesFor(rulesDir);
  return (title, text) => tagDomains(domainRulesFor(rulesDir), title, text);
}
