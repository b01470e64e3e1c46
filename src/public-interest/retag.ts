import type { Db } from '../storage/database.js';
import { inTransaction } from '../storage/database.js';
import { leadTextsPage, setLeadDomains } from '../storage/public-interest.js';
import type { DomainRules } from './domain-rules.js';
import { tagDomains } from './tag-domains.js';

/** After a rule change (reclassify): every lead's domains again, from all its posts; returns how many leads carry one. */
export function retagLeads(db: Db, rules: DomainRules, batchSize = 500): number {
  let after = 0;
  let tagged = 0;
  for (;;) {
    const page = leadTextsPage(db, after, batchSize);
    if (page.length === 0) return tagged;
    inTransaction(db, () => {
      for (const lead of page) {
        const domains = tagDomains(rules, null, lead.texts);
        setLeadDomains(db, lead.id, domains);
        if (domains.length) tagged++;
      }
    });
    after = page.at(-1)!.id;
  }
}
