-- Art. 10 (4), 12, 21: the expert pool (专家库), imported with `npm run experts:import` or POST /api/experts.
-- Only experts meeting Art. 12 (5 years, trained, ethics pledge signed) may be selected for a panel.
CREATE TABLE experts (
  id text PRIMARY KEY,
  name text NOT NULL,
  organization_credit_code text,
  id_number text,
  years_of_experience integer NOT NULL CHECK (years_of_experience >= 0),
  trained boolean NOT NULL,
  ethics_pledge_signed boolean NOT NULL,
  specialties text[] NOT NULL DEFAULT '{}',
  email text NOT NULL,
  source text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Art. 26: conflicts of interest an expert declared, per application (its business key cycle-<year>/<id>).
CREATE TABLE expert_conflicts (
  expert_id text NOT NULL REFERENCES experts (id),
  application_id text NOT NULL,
  reason text NOT NULL DEFAULT '',
  source text NOT NULL DEFAULT '',
  declared_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (expert_id, application_id)
);

-- Art. 18 (1): the 公告 of each cycle, recorded once.
CREATE TABLE cycle_announcements (
  cycle_key text PRIMARY KEY,
  process_instance_id text NOT NULL,
  parameters jsonb NOT NULL,
  text text NOT NULL,
  announced_at timestamptz NOT NULL DEFAULT now()
);

-- Art. 11, 26: who reviews which application in a cycle; a recusal keeps its row (status recused).
CREATE TABLE review_assignments (
  cycle_key text NOT NULL,
  application_id text NOT NULL,
  applicant_name text NOT NULL,
  expert_id text NOT NULL REFERENCES experts (id),
  lead boolean NOT NULL DEFAULT false,
  status text NOT NULL CHECK (status IN ('assigned', 'confirmed', 'recused')),
  replaces_expert_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cycle_key, application_id, expert_id)
);

-- Art. 26: the audit trail of assignments, confirmations, declarations and replacements, one row per
-- keyed worker effect (a redelivered task writes nothing new).
CREATE TABLE review_audit (
  id bigserial PRIMARY KEY,
  effect_key text NOT NULL UNIQUE,
  cycle_key text NOT NULL,
  application_id text,
  expert_id text,
  event text NOT NULL CHECK (event IN ('panel-formed', 'assigned', 'confirmed', 'conflict-declared', 'replaced', 'panel-dissolved')),
  detail text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX review_audit_cycle ON review_audit (cycle_key, at);
