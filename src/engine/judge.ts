import { CATEGORY_CODES } from '../domain/categories.js';
import { analyse, placeText, round, rulesVerdict, spansOf, type ClassifyInput, type RuleAnalysis } from './classify.js';
import type { Engine } from './engine.js';
import { ruleTokens } from './rule-tokens.js';
import { localityOf, type Locality } from './locality.js';
import { emptyVerdict, type Evidence, type Verdict } from './verdict.js';
import { featurise, type Features } from '../model/features.js';
import { calibratedScores, explainLead, leadProbability, logits, type LinearModel, type ModelScores } from '../model/linear-model.js';

/** A model ready to judge with: its weights and the version the verdict names. */
export interface ActiveModel {
  version: string;
  model: LinearModel;
}

/**
 * How rules and model combine (probabilities are calibrated, so these read as "how sure").
 * - accept: the model alone raises a post the rules did not (recall).
 * - acceptWithRules: a lower bar when some rule fired but the rules' score stayed under their threshold.
 * - veto: a post the rules raised is held back when the model is this sure it is not a lead (precision).
 * - urgent: the model's urgency probability that makes a lead urgent besides the urgency rules.
 * - reviewFrom: a turned-down post from this probability up gets its weighing words explained, for
 *   可能遗漏 (which samples from MISSED_FROM, the same 0.2 by default).
 * - unlocatedFactor: a lead with no local evidence at all ranks this much lower.
 * - unlocatedAccept / unlocatedVeto: with no local evidence (no place of the city, no local
 *   platform, no local IP属地) the model must be surer: both bars rise to these. Such posts still
 *   reach 可能遗漏, so what this turns down stays visible.
 * - overruleExclusion: an exclusion rule (ad, notice, fiction) stands unless the model is this sure
 *   it is a lead (a letter to a board that gives a phone number is not an ad).
 * - screen: a post no rule touched whose lead probability is under this is settled on the lead
 *   head alone (the other 20 outputs are not computed): most everyday posts.
 * - categoryOverrule / categoryDoubt: the model's category replaces the rules' when the model is at
 *   least categoryOverrule sure of its own and gives the rules' less than categoryDoubt.
 */
export interface JudgePolicy {
  accept: number;
  acceptWithRules: number;
  veto: number;
  urgent: number;
  reviewFrom: number;
  unlocatedFactor: number;
  overruleExclusion: number;
  unlocatedAccept: number;
  unlocatedVeto: number;
  categoryOverrule: number;
  categoryDoubt: number;
  screen: number;
  /** The model vetoes a lead the rules raised only with at least this much text to judge by (characters). */
  vetoMinChars: number;
}

export const DEFAULT_POLICY: JudgePolicy = {
  accept: 0.5, acceptWithRules: 0.35, veto: 0.08, urgent: 0.35, reviewFrom: 0.2, unlocatedFactor: 0.8, overruleExclusion: 0.9, unlocatedAccept: 0.7, unlocatedVeto: 0.2, categoryOverrule: 0.6, categoryDoubt: 0.15, screen: 0.02, vetoMinChars: 20,
};

export interface JudgeInput extends ClassifyInput {
  ip_location?: string | null;
  /** The platform is local by definition (a city forum, a city's message board). */
  platformLocal?: boolean;
}

function modelEvidence(m: ActiveModel, s: ModelScores, a: RuleAnalysis, explain: boolean, f?: Features): NonNullable<Evidence['model']> {
  const why = explain ? explainLead(m.model, a.n.text, 5, f) : { for: [], against: [] };
  return {
    version: m.version,
    p_lead: round(s.lead),
    p_urgent: round(s.urgent),
    category: s.category,
    p_category: round(s.categoryProbability),
    for: why.for.map((c) => ({ text: c.text, weight: c.weight })),
    against: why.against.map((c) => ({ text: c.text, weight: c.weight })),
  };
}

/**
 * The engine's one verdict from rules and model together. The rules keep what they do well
 * (exclusions, jurisdiction, location, sub-items, urgency families, spans); the model adds
 * recall (posts no phrase rule catches) and a second opinion on precision (a veto). The
 * verdict's `evidence` records which side decided and why, for the lead page and for audits.
 * Without a model this is exactly the rules' verdict.
 */
export function judge(post: JudgeInput, engine: Engine, active?: ActiveModel, policy: JudgePolicy = DEFAULT_POLICY, given?: ModelScores): Verdict {
  const a = analyse(post, engine);
  const rules = rulesVerdict(a);
  if (!active) return rules;
  // `given`: scores computed elsewhere (out-of-fold scores when evaluating a model on its own corpus)
  const f = given ? undefined : featurise(a.n.text, active.model.spec, active.model.spec.ruleFeatures ? ruleTokens(a, rules.is_lead) : []);
  if (f && !a.best && !a.blocked) {
    const p = leadProbability(active.model, f);
    if (p < policy.screen) {
      const model = { version: active.version, p_lead: round(p), p_urgent: null, category: null, p_category: null, for: [], against: [] };
      return { ...rules, score: round(p), evidence: { decided_by: 'neither', rules_lead: false, rules_score: rules.score, model, locality: 'none' } };
    }
  }
  const s = given ?? calibratedScores(logits(active.model, f!), active.model.calibration);
  const rulesFired = !!a.best;
  const base = { rules_lead: rules.is_lead, rules_score: rules.score };

  // The rules' hard "no"s stand: an exclusion that blocks (unless the model is very sure), or a
  // problem placed in another city (unless the platform is the jurisdiction's own).
  if (a.blocked && s.lead < policy.overruleExclusion) return { ...rules, evidence: { decided_by: 'exclusion', ...base, model: modelEvidence(active, s, a, false), locality: 'none' } };
  const bar = rules.is_lead ? policy.veto : rulesFired ? policy.acceptWithRules : policy.accept;
  if (!rules.is_lead && s.lead < bar) {
    const ev: Evidence = { decided_by: 'neither', ...base, model: modelEvidence(active, s, a, s.lead >= policy.reviewFrom, f), locality: 'none' };
    return { ...rules, score: round(s.lead), evidence: ev };
  }
  const location = a.location();
  const locality: Locality = localityOf(location, post, engine.localIpLocations);
  const unlocatedBar = rules.is_lead ? policy.unlocatedVeto : policy.unlocatedAccept;
  const tooShortToVeto = rules.is_lead && a.n.text.length < policy.vetoMinChars;
  const modelSaysLead = tooShortToVeto || s.lead >= (locality === 'none' ? Math.max(bar, unlocatedBar) : bar);
  if (!rules.is_lead && !modelSaysLead) {
    const ev: Evidence = { decided_by: 'neither', ...base, model: modelEvidence(active, s, a, s.lead >= policy.reviewFrom, f), locality };
    return { ...rules, score: round(s.lead), reason: `no local evidence: p_lead ${round(s.lead)} below ${policy.unlocatedAccept}`, evidence: ev };
  }
  if (location.outside && !post.platformLocal) {
    const reason = `outside jurisdiction: ${location.outside}`;
    return emptyVerdict(a.id, { score: round(s.lead), matched: rules.matched, spans: rules.spans, reason, evidence: { decided_by: 'outside', ...base, model: modelEvidence(active, s, a, false), locality: 'none' } });
  }
  if (rules.is_lead && !modelSaysLead) {
    const reason = `model veto: p_lead ${round(s.lead)} below ${locality === 'none' ? policy.unlocatedVeto : policy.veto}`;
    return emptyVerdict(a.id, { score: round(s.lead), matched: rules.matched, spans: rules.spans, reason, evidence: { decided_by: 'model_veto', ...base, model: modelEvidence(active, s, a, true, f), locality } });
  }

  // A lead. Category: the rules' (with its precise sub-item), unless only the model found it or
  // the model is sure of another and all but rules out the rules' choice.
  const rulesCategory = rules.is_lead ? rules.category! : null;
  const overruled = rulesCategory !== null && s.category !== rulesCategory && s.categoryProbability >= policy.categoryOverrule
    && s.probabilities[CATEGORY_CODES.indexOf(rulesCategory)]! < policy.categoryDoubt;
  const category = rulesCategory && !overruled ? rulesCategory : s.category;
  const subItem = category === rulesCategory ? rules.sub_item : a.subItemOf(category);
  const urgencyRules = a.urgency(category);
  const calm = urgencyRules.fired.length > 0 && !urgencyRules.urgent;
  const urgent = urgencyRules.urgent || (!calm && s.urgent >= policy.urgent);
  const combined = rules.is_lead ? (rules.score + s.lead) / 2 : s.lead;
  const matched = [...rules.matched.filter((m) => !m.startsWith('urgent.')), ...urgencyRules.fired.map((f) => f.rule.id)];
  const spans = rules.is_lead ? rules.spans : spansOf(a, [...(a.best?.fired ?? []), ...a.boosts, ...a.exclusions, ...urgencyRules.fired]).sort((x, y) => x.start - y.start);
  return {
    id: a.id,
    is_lead: true,
    category,
    urgency: urgent ? 'urgent' : 'normal',
    district: location.district,
    street: location.street,
    place: placeText(a, location),
    score: round(combined * (locality === 'none' ? policy.unlocatedFactor : 1)),
    matched: [...new Set(matched)],
    sub_item: subItem,
    spans,
    evidence: {
      decided_by: rules.is_lead ? 'rules+model' : 'model',
      ...(overruled ? { category_by: 'model' as const } : {}),
      ...(a.blocked ? { exclusion_overruled: a.blocked.rule.id } : {}),
      ...base,
      model: modelEvidence(active, s, a, true, f),
      urgency_by: urgencyRules.urgent ? 'rules' : urgent ? 'model' : null,
      locality,
    },
  };
}
