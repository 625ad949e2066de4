-- Art. 17, 18 (4): one 资料评审 score sheet per reviewer and application (GB/T 19580 or Art. 2, 15 (2)).
CREATE TABLE score_sheets (
  cycle_key text NOT NULL,
  application_id text NOT NULL,
  applicant_name text NOT NULL,
  applicant_kind text NOT NULL CHECK (applicant_kind IN ('organization', 'individual')),
  expert_id text NOT NULL,
  scores jsonb NOT NULL,
  total numeric NOT NULL,
  strengths text NOT NULL,
  improvements text NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cycle_key, application_id, expert_id)
);

-- Art. 18 (4) 好中选优: the office's 现场评审名单; a row per ranked application.
CREATE TABLE review_shortlist (
  cycle_key text NOT NULL,
  application_id text NOT NULL,
  shortlisted boolean NOT NULL,
  rank integer NOT NULL,
  mean_score numeric NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cycle_key, application_id)
);

-- Art. 18 (5), (6): the 现场评审报告 and the 综合评价报告 of each shortlisted application.
CREATE TABLE review_reports (
  cycle_key text NOT NULL,
  application_id text NOT NULL,
  lead_expert_id text NOT NULL,
  site_score numeric NOT NULL,
  site_report text NOT NULL,
  evaluation_report text NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cycle_key, application_id)
);
