-- Art. 9 (二), 28: an edition the office adds is a proposal until the committee (审定委员会) approves it;
-- only approved editions can be used by a cycle.
ALTER TABLE rules_editions ADD COLUMN status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'rejected'));
ALTER TABLE rules_editions ADD COLUMN decided_by text;
ALTER TABLE rules_editions ADD COLUMN decided_at timestamptz;
ALTER TABLE rules_editions ADD COLUMN decision_reason text NOT NULL DEFAULT '';
