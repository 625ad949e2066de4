-- Issue 13: the office deactivates experts it no longer selects (the record and its declared conflicts
-- stay, Art. 26, 27), and invites an expert to set their own password: a one-time link whose token is
-- kept only as its SHA-256 hash, with an expiry, used once.
ALTER TABLE experts ADD COLUMN active boolean NOT NULL DEFAULT true;

CREATE TABLE account_invitations (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL,
  email text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE INDEX account_invitations_user ON account_invitations (user_id, created_at);
