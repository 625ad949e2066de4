-- Issue 16 (3): each supervised process reports its state here; /healthz reads it.
CREATE TABLE process_health (
  component text PRIMARY KEY,
  status text NOT NULL,
  message text NOT NULL,
  pid integer,
  host text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
