import type { RuleAnalysis } from './classify.js';

/**
 * The rules' findings as tokens for the model: every sub-item that fired, every exclusion, every
 * urgency rule (of any category), and whether the rules' own verdict is a lead. The model weighs
 * them with the words around them, learned from labelled posts the rules were never tuned on.
 */
export function ruleTokens(a: RuleAnalysis, rulesLead: boolean): string[] {
  const out = a.firedSubItems.map((s) => `r:${s}`);
  for (const f of a.exclusions) out.push(`x:${f.rule.id}`);
  for (const id of a.urgencyRulesAnyCategory()) out.push(`u:${id}`);
  if (rulesLead) out.push('r:lead');
  else if (a.best) out.push('r:below');
  return out;
}
