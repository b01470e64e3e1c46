-- Issue #10, 公益诉讼 (src/public-interest/): a second, multi-label tag on leads (an order shows its
-- lead's), from rules/public-interest.yaml; transfers to the procuratorate; saved searches.
CREATE TABLE lead_domains (
  lead_id INTEGER NOT NULL REFERENCES leads (id),
  domain TEXT NOT NULL,                      -- a code of rules/public-interest.yaml
  PRIMARY KEY (lead_id, domain)
) WITHOUT ROWID;
CREATE INDEX lead_domains_domain ON lead_domains (domain, lead_id);

-- 移送检察机关: when, by whom, to whom, outcome; kept up to date by supervisors (audited).
CREATE TABLE public_interest_transfers (
  id INTEGER PRIMARY KEY,
  lead_id INTEGER NOT NULL REFERENCES leads (id),
  transferred_at TEXT NOT NULL,
  transferred_by INTEGER NOT NULL REFERENCES users (id),
  recipient TEXT NOT NULL,                   -- e.g. 宝安区人民检察院
  outcome TEXT,                              -- e.g. 已立案 / 已发出诉前检察建议; NULL while pending
  note TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX public_interest_transfers_lead ON public_interest_transfers (lead_id, id);

-- A user's saved 公益诉讼线索 searches.
CREATE TABLE public_interest_searches (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  filter TEXT NOT NULL,                      -- JSON: {domain, q, district, from, to}
  created_at TEXT NOT NULL
);
CREATE INDEX public_interest_searches_user ON public_interest_searches (user_id, id);
