-- Between cycles (Art. 5, 6, 10 (7), 24): title-misuse cases and the incubation year's enrolments
-- and graduates. Writes from workers are keyed by the case or the programme, so a redelivered task
-- changes nothing.

-- Art. 24: one case per award-title-misuse instance; status follows the office's order and check.
CREATE TABLE title_misuse_cases (
  case_id text PRIMARY KEY,
  holder_key text NOT NULL,
  holder_name text NOT NULL,
  award_holder boolean NOT NULL,
  misuse_kind text NOT NULL CHECK (misuse_kind IN ('product', 'packaging', 'advertising')),
  evidence text NOT NULL,
  status text NOT NULL CHECK (status IN ('recorded', 'ordered', 'corrected', 'escalated', 'dismissed')),
  due_date date,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX title_misuse_cases_holder ON title_misuse_cases (holder_key, recorded_at);

-- Art. 6: the enrolment applications of one incubation year, checked against Art. 6.
CREATE TABLE incubation_enrolments (
  incubation_year integer NOT NULL CHECK (incubation_year BETWEEN 1900 AND 2999),
  credit_code text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('sme', 'social-organization', 'other')),
  accepted boolean NOT NULL,
  findings jsonb NOT NULL DEFAULT '[]'::jsonb,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (incubation_year, credit_code)
);

-- Art. 5, 10 (7): the graduates of an incubation year, flagged for the next evaluation year.
CREATE TABLE incubation_graduates (
  incubation_year integer NOT NULL CHECK (incubation_year BETWEEN 1900 AND 2999),
  credit_code text NOT NULL,
  name text NOT NULL,
  evaluation_year integer NOT NULL CHECK (evaluation_year BETWEEN 1900 AND 2999),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (incubation_year, credit_code)
);

CREATE INDEX incubation_graduates_evaluation ON incubation_graduates (evaluation_year, credit_code);
