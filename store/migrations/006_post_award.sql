-- Art. 23: every 《宝山区政府质量奖质量绩效表》 a winner submits (API) or the office enters (user task).
-- A winner may resubmit; every submission is kept. An office entry is keyed by its task execution
-- (effect_key) so that a redelivered task stores it once.
CREATE TABLE performance_reports (
  id bigserial PRIMARY KEY,
  holder_key text NOT NULL,
  holder_name text NOT NULL,
  award_year integer NOT NULL CHECK (award_year BETWEEN 1900 AND 2999),
  period integer NOT NULL CHECK (period >= 1),
  report_year integer NOT NULL CHECK (report_year BETWEEN 1900 AND 2999),
  summary text NOT NULL,
  indicators jsonb NOT NULL DEFAULT '{}'::jsonb,
  source text NOT NULL CHECK (source IN ('api', 'office')),
  effect_key text UNIQUE,
  submitted_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX performance_reports_holder ON performance_reports (holder_key, award_year, period);
