-- Art. 26: the office withdraws an expert's right to review (取消评审资格) for a breach of confidentiality
-- or recusal. One row per cycle and expert; the expert's assignments of the cycle become 'disqualified'
-- (off every team; their score sheets are not counted) and each team gets a replacement.
CREATE TABLE expert_disqualifications (
  cycle_key text NOT NULL,
  expert_id text NOT NULL REFERENCES experts (id),
  reason text NOT NULL,
  decided_by text NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cycle_key, expert_id)
);

ALTER TABLE review_assignments DROP CONSTRAINT review_assignments_status_check;
ALTER TABLE review_assignments
  ADD CONSTRAINT review_assignments_status_check CHECK (status IN ('assigned', 'confirmed', 'recused', 'disqualified'));

ALTER TABLE review_audit DROP CONSTRAINT review_audit_event_check;
ALTER TABLE review_audit
  ADD CONSTRAINT review_audit_event_check CHECK (
    event IN ('panel-formed', 'assigned', 'confirmed', 'conflict-declared', 'replaced', 'panel-dissolved', 'disqualified')
  );
