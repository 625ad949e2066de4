-- Art. 18 (8), 19, 21: the awards the district government announced (发文公告), one row per winner,
-- written by record-awards; also the list of winners recommended with priority (Art. 21).
CREATE TABLE cycle_awards (
  cycle_key text NOT NULL,
  application_id text NOT NULL,
  award_year integer NOT NULL CHECK (award_year BETWEEN 1900 AND 2999),
  applicant_name text NOT NULL,
  applicant_kind text NOT NULL CHECK (applicant_kind IN ('organization', 'individual')),
  holder_key text NOT NULL,
  category text NOT NULL CHECK (category IN ('model', 'achievement')),
  award_class text NOT NULL CHECK (award_class IN ('district-head', 'gold')),
  title text NOT NULL,
  prize integer CHECK (prize >= 0),
  email text,
  document_number text NOT NULL,
  document_date date NOT NULL,
  certificate_sha256 text NOT NULL,
  process_instance_id text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cycle_key, application_id)
);

CREATE INDEX cycle_awards_year ON cycle_awards (award_year, award_class, category);

-- Art. 21: winning individuals and winning organizations' executives proposed to the expert pool. A
-- proposal is not a pool member: Art. 12 (5 years, training, ethics pledge) still applies when the office
-- adds them to the pool.
CREATE TABLE expert_proposals (
  award_year integer NOT NULL CHECK (award_year BETWEEN 1900 AND 2999),
  application_id text NOT NULL,
  person_key text NOT NULL,
  name text NOT NULL,
  id_number text,
  email text,
  role text NOT NULL CHECK (role IN ('winner', 'executive')),
  organization_name text,
  organization_credit_code text,
  cycle_key text NOT NULL,
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'declined')),
  proposed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cycle_key, application_id, person_key)
);
