-- Art. 28: rules editions added as data by the office (besides editions/*.json) and the edition
-- each cycle ran under.
CREATE TABLE rules_editions (
  id text PRIMARY KEY,
  data jsonb NOT NULL,
  added_by text NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cycle_editions (
  cycle_key text PRIMARY KEY,
  edition_id text NOT NULL,
  as_of date NOT NULL,
  confirmed_by text,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
