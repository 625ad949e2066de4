-- Art. 18 (7): objections (异议) filed during the publicity period through POST /api/objections. A filed
-- objection is stored in the transaction that correlates it into the cycle (nothing is lost, nothing is
-- half-written); record-objection adds the office's decision (核查异议).
CREATE TABLE objections (
  id text PRIMARY KEY,
  cycle_key text NOT NULL,
  application_id text NOT NULL,
  applicant_name text NOT NULL,
  name text NOT NULL,
  contact text NOT NULL,
  email text,
  reason text NOT NULL,
  filed_by text NOT NULL,
  filed_at timestamptz NOT NULL DEFAULT now(),
  process_instance_id text,
  decision text CHECK (decision IN ('upheld', 'dismissed')),
  findings text,
  decided_by text,
  decided_at timestamptz
);

CREATE INDEX objections_cycle ON objections (cycle_key, application_id, filed_at);

-- The evidence files of an objection (pdf/jpeg/png, checked by their magic bytes, at most 5 MB each).
CREATE TABLE objection_evidence (
  id bigserial PRIMARY KEY,
  objection_id text NOT NULL REFERENCES objections (id),
  file_name text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size integer NOT NULL CHECK (size > 0),
  sha256 text NOT NULL,
  content bytea NOT NULL
);

CREATE INDEX objection_evidence_objection ON objection_evidence (objection_id);
