-- Art. 18 (3): written opinions of departments during 资格审查, one per task execution.
CREATE TABLE department_opinions (
  process_instance_id text NOT NULL,
  activity_instance_id text NOT NULL,
  business_key text,
  department text NOT NULL,
  stance text NOT NULL,
  opinion text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (process_instance_id, activity_instance_id)
);
