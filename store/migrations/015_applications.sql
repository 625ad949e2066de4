-- Issue 14, Art. 18 (2): applications submitted through the intake (POST /api/applications), with the
-- 自我评价报告 and 证实性材料 files. Stored in the transaction that starts award-application: when the
-- engine refuses, nothing is written. Kept ten years (Art. 27) and deleted only with the retention.
CREATE TABLE applications (
  id text PRIMARY KEY,
  cycle_key text NOT NULL,
  business_key text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('organization', 'individual')),
  applicant_name text NOT NULL,
  applicant_identifier text NOT NULL,
  recommending_unit text NOT NULL,
  contact jsonb NOT NULL,
  form jsonb NOT NULL,
  process_instance_id text,
  idempotency_key text UNIQUE,
  status_token_sha256 text NOT NULL UNIQUE,
  submitted_by text NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (cycle_key, applicant_identifier)
);

CREATE INDEX applications_cycle ON applications (cycle_key, submitted_at);

-- The files of an application: 'self-evaluation' (one) and 'evidence' (several), PDF, DOCX, JPEG or PNG.
CREATE TABLE application_files (
  id bigserial PRIMARY KEY,
  application_id text NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('self-evaluation', 'evidence')),
  position integer NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'image/jpeg', 'image/png')),
  size integer NOT NULL CHECK (size > 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  UNIQUE (application_id, role, position)
);

-- The yearly counter behind the generated 申报编号 (e.g. SB2026-0001).
CREATE TABLE application_numbers (
  cycle_key text PRIMARY KEY,
  last integer NOT NULL
);
