/**
 * How compiled rule ids are spelled. Leads store them (`matched`, spans), so the engine that makes
 * them and the names shown to reviewers (rule-names.ts) must agree.
 */
export const ruleId = {
  /** '<category>.<item>.<rule>': starts with the sub-item id. */
  pack: (subItemId: string, rule: string) => `${subItemId}.${rule}`,
  exclusion: (rule: string) => `exclude.${rule}`,
  signal: (rule: string) => `signal.${rule}`,
  urgent: (rule: string) => `urgent.${rule}`,
  calm: (rule: string) => `calm.${rule}`,
};
