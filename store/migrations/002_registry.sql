-- Registry of earlier awards and sanctions (Art. 14, 15 (4), 16, 25), imported with `npm run registry:import`.
-- Records here count in 资格预审 as if they were in the request (contracts.md).
CREATE TABLE registry_organizations (
  credit_code text PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE registry_persons (
  id_number text PRIMARY KEY,
  name text NOT NULL
);

-- An award held by an organization (credit_code) or a person (id_number), never both.
-- holder_key makes the natural key unique across both kinds, so re-importing a row finds it again.
CREATE TABLE registry_award_records (
  id bigserial PRIMARY KEY,
  credit_code text REFERENCES registry_organizations (credit_code),
  id_number text REFERENCES registry_persons (id_number),
  holder_key text GENERATED ALWAYS AS (COALESCE('org:' || credit_code, 'person:' || id_number)) STORED,
  level text NOT NULL CHECK (level IN ('district', 'municipal', 'national')),
  category text NOT NULL CHECK (category IN ('model', 'achievement')),
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2999),
  title text NOT NULL DEFAULT '',
  revoked_on date,
  source text NOT NULL DEFAULT '',
  CHECK ((credit_code IS NULL) <> (id_number IS NULL)),
  UNIQUE (holder_key, level, category, year, title)
);

CREATE INDEX registry_award_records_credit_code ON registry_award_records (credit_code);

CREATE INDEX registry_award_records_id_number ON registry_award_records (id_number);

-- A sanction or accident of an organization (Art. 14 exclusions; Art. 15 (4) for an employer).
CREATE TABLE registry_sanctions (
  id bigserial PRIMARY KEY,
  credit_code text NOT NULL REFERENCES registry_organizations (credit_code),
  type text NOT NULL CHECK (type IN ('serious-penalty', 'rectification-refused', 'major-accident', 'major-complaint', 'serious-violation')),
  sanction_date date NOT NULL,
  description text NOT NULL,
  source text NOT NULL DEFAULT '',
  UNIQUE (credit_code, type, sanction_date, description)
);
