import type { Db } from '../storage/database.js';
import { domainsOfLeadIds, leadDomains } from '../storage/public-interest.js';
import { domainRulesFor, type DomainRules } from './domain-rules.js';

export interface NamedDomain {
  code: string;
  name: string;
}

// One name table per loaded rules object: a rule edit loads a new one, so names follow the file.
const tables = new WeakMap<DomainRules, Map<string, string>>();

/** Domain codes with their Chinese names from rules/public-interest.yaml (a code since removed from the file keeps its code). */
export function namedDomains(rulesDir: string, codes: readonly string[]): NamedDomain[] {
  if (codes.length === 0) return []; // most leads: no need for the rule file (a rules dir may not have one)
  const rules = domainRulesFor(rulesDir);
  let names = tables.get(rules);
  if (!names) tables.set(rules, (names = new Map(rules.domains.map((d) => [d.code, d.name]))));
  return codes.map((code) => ({ code, name: names.get(code) ?? code }));
}

/** A lead's domains, named: what the lead, its work order and the exports show. */
export function domainsOfLead(db: Db, rulesDir: string, leadId: number): NamedDomain[] {
  return namedDomains(rulesDir, leadDomains(db, leadId));
}

/** The same for a page of leads, in one query. */
export function domainsOfLeads(db: Db, rulesDir: string, leadIds: readonly number[]): Map<number, NamedDomain[]> {
  return new Map([...domainsOfLeadIds(db, leadIds)].map(([id, codes]) => [id, namedDomains(rulesDir, codes)]));
}
