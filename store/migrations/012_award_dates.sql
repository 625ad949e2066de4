-- Art. 16 ¶1, 25 (contracts.md, eligibility rules edition 2): the date of the announcement (发文) that
-- conferred each award; the three years count from it. Records of past years may lack it (NULL).
ALTER TABLE registry_award_records ADD COLUMN awarded_on date;
