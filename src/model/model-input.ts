import { analyse, rulesVerdict } from '../engine/classify.js';
import type { Engine } from '../engine/engine.js';
import { ruleTokens } from '../engine/rule-tokens.js';
import type { ToInput } from './training-set.js';

/** A post as the model reads it in training: exactly what judge() gives it when serving. */
export function modelInput(engine: Engine): ToInput {
  return (title, text) => {
    const a = analyse({ id: '', title, text }, engine);
    return { text: a.n.text, ruleTokens: ruleTokens(a, rulesVerdict(a).is_lead) };
  };
}
