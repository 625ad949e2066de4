-- Art. 26: people who work on the award other than experts declare a conflict of interest (利害关系)
-- with an applicant and recuse: an office clerk from that application's tasks (role 'office'), a
-- committee member from the 审定 of that applicant (role 'committee'). One row per application and person.
CREATE TABLE staff_recusals (
  application_key text NOT NULL,
  user_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('office', 'committee')),
  reason text NOT NULL,
  task_name text NOT NULL,
  process_instance_id text,
  declared_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (application_key, user_id, role)
);
