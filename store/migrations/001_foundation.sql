-- Side effects of workers, keyed so a redelivered external task does each effect once.
CREATE TABLE effects (
  effect_key text PRIMARY KEY,
  kind text NOT NULL,
  process_instance_id text,
  activity_id text,
  business_key text,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz
);

-- E-mails to send: written with the effect, sent from here, marked when the SMTP server accepted them.
CREATE TABLE mail_outbox (
  effect_key text PRIMARY KEY REFERENCES effects (effect_key),
  message_id text NOT NULL,
  recipients text[] NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);

-- Messages received by the local SMTP sink (npm start without SMTP_URL), shown at /mail.
CREATE TABLE mail_received (
  id bigserial PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now(),
  mail_from text,
  recipients text[] NOT NULL,
  subject text,
  body text,
  message_id text
);
