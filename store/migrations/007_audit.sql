-- Audit trail (issue 8, Art. 26, 27): who did what and when. Append-only: a trigger refuses UPDATE
-- and DELETE; rows are kept with the ten-year retention. A worker's entry carries its effect key so
-- a redelivered task records it once.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  business_key text,
  process_instance_id text,
  summary text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  effect_key text UNIQUE
);

CREATE INDEX audit_log_business_key ON audit_log (business_key, at);

CREATE INDEX audit_log_action ON audit_log (action, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '审计记录只能追加，不能修改或删除（第二十七条）'; END $$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
