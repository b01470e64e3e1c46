-- Issue #11: 市民随手拍 (src/citizen-reports/): a resident's own report, stored as a post of platform
-- `citizen` (so the pipeline judges and files it like any post) plus what only a report has.

-- One row per report; post_id is the post the pipeline judges. contact is for staff only.
CREATE TABLE citizen_reports (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,                  -- the number the resident checks progress with (SZ-20261207-7KQ4M2XD)
  post_id INTEGER NOT NULL UNIQUE REFERENCES posts (id),
  place_text TEXT,                           -- the place as the resident picked or typed it
  place_kind TEXT,                           -- gazetteer unit kind when picked (district, street, community, place); NULL when typed
  district TEXT,                             -- from the pick (a gazetteer unit); NULL when typed
  street TEXT,
  place TEXT,
  contact TEXT,                              -- phone or e-mail, optional; never in a public answer
  address TEXT NOT NULL,                     -- the client's address (rate limits, abuse review)
  created_at TEXT NOT NULL
);

-- Photos: re-encoded files under DATA_DIR/uploads (random names), GPS read before stripping.
CREATE TABLE citizen_report_photos (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES citizen_reports (id),
  file TEXT NOT NULL UNIQUE,                 -- random file name under DATA_DIR/uploads
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/webp')),
  bytes INTEGER NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  original_kind TEXT NOT NULL,               -- jpeg, png, webp: what the upload's bytes were
  gps_lat REAL,                              -- from the upload's EXIF, before it was stripped
  gps_lon REAL,
  gps_district TEXT,                         -- the district the GPS point lies in (or nearest), a hint for verifiers
  gps_note TEXT                              -- how the hint was found, in words
);
CREATE INDEX citizen_report_photos_report ON citizen_report_photos (report_id);

-- Every submission attempt that passed the limits (accepted or refused later): the rate limits count these,
-- so a restart does not reset them. Pruned after two days.
CREATE TABLE citizen_report_attempts (
  id INTEGER PRIMARY KEY,
  address TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX citizen_report_attempts_address ON citizen_report_attempts (address, at);
CREATE INDEX citizen_report_attempts_at ON citizen_report_attempts (at);

-- Per-form tokens (the public form's CSRF defence beside the same-origin check): one use each.
CREATE TABLE citizen_form_tokens (
  token_hash TEXT PRIMARY KEY,
  issued_at TEXT NOT NULL,
  used_at TEXT
);
