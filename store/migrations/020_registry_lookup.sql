-- Issue 18 item 4: the registry look-up of a pre-check as a PL/pgSQL function, whose query plan the
-- session keeps (a prepared statement): the awards of an organization (p_credit_code) or a person
-- (p_id_number), and the sanctions of p_sanctions_of, in one ordered list. store/registry.ts maps it.
-- (No `;` ends a line inside the body: store/migrate.ts splits statements there.)
CREATE FUNCTION registry_records(p_credit_code text, p_id_number text, p_sanctions_of text)
RETURNS TABLE (
  kind text,
  level text,
  category text,
  year integer,
  title text,
  awarded_on text,
  revoked_on text,
  type text,
  date text,
  description text
)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  IF p_credit_code IS NOT NULL THEN
    RETURN QUERY
      SELECT * FROM (
        SELECT 'award'::text, a.level, a.category, a.year, a.title,
               to_char(a.awarded_on, 'YYYY-MM-DD'), to_char(a.revoked_on, 'YYYY-MM-DD'),
               NULL::text, NULL::text, NULL::text
          FROM registry_award_records a
         WHERE a.credit_code = p_credit_code
        UNION ALL
        SELECT 'sanction'::text, NULL::text, NULL::text, NULL::integer, NULL::text, NULL::text, NULL::text,
               s.type, to_char(s.sanction_date, 'YYYY-MM-DD'), s.description
          FROM registry_sanctions s
         WHERE s.credit_code = p_sanctions_of
      ) r
      ORDER BY 1, 4, 2, 3, 5, 9, 8, 10; ELSE
    RETURN QUERY
      SELECT * FROM (
        SELECT 'award'::text, a.level, a.category, a.year, a.title,
               to_char(a.awarded_on, 'YYYY-MM-DD'), to_char(a.revoked_on, 'YYYY-MM-DD'),
               NULL::text, NULL::text, NULL::text
          FROM registry_award_records a
         WHERE a.id_number = p_id_number
        UNION ALL
        SELECT 'sanction'::text, NULL::text, NULL::text, NULL::integer, NULL::text, NULL::text, NULL::text,
               s.type, to_char(s.sanction_date, 'YYYY-MM-DD'), s.description
          FROM registry_sanctions s
         WHERE s.credit_code = p_sanctions_of
      ) r
      ORDER BY 1, 4, 2, 3, 5, 9, 8, 10; END IF; END
$$;
