-- Issue 16: a 质量绩效表 is filed only with the per-holder secret link of the request e-mail (Art. 23).
-- Only the SHA-256 of the token is kept; one row per request or reminder e-mail (its mail effect key).
CREATE TABLE performance_report_links (
  token_hash text PRIMARY KEY,
  holder_key text NOT NULL,
  award_year integer NOT NULL CHECK (award_year BETWEEN 1900 AND 2999),
  effect_key text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX performance_report_links_holder ON performance_report_links (holder_key, award_year);
