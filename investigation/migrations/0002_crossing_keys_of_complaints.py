"""The complaints' phones and identity documents in the crossing's written form, indexed.

Sent complaints are locked, so their identifiers are not stored again: PostgreSQL computes
the written form with the SQL twins of administration/identifiers.py (the tests compare
both on many spellings) and indexes it. Names are crossed nearest first, through trigram GiST
indexes."""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION reta_phone_key(t text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
SET search_path = pg_catalog
AS $$
DECLARE
    d text := regexp_replace(t, '[^0-9]', '', 'g');
    international boolean := left(btrim(t), 1) = '+' OR left(d, 2) = '00';
BEGIN
    IF left(d, 2) = '00' THEN d := substr(d, 3); END IF;
    IF international AND left(d, 2) <> '51' THEN
        IF length(d) BETWEEN 8 AND 15 THEN RETURN '+' || d; END IF;
        RETURN NULL;
    END IF;
    IF left(d, 2) = '51' AND length(d) IN (10, 11) THEN d := substr(d, 3); END IF;
    d := ltrim(d, '0');
    IF (length(d) = 9 AND left(d, 1) = '9') OR length(d) = 8 THEN RETURN '+51' || d; END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION reta_document_key(kind text, num text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
SET search_path = pg_catalog
AS $$
DECLARE
    k text := coalesce(nullif(lower(btrim(kind)), ''), 'other');
    v text := regexp_replace(upper(num), '[^0-9A-Z]', '', 'g');
BEGIN
    IF k = 'dni' THEN
        IF v ~ '^[0-9]{7,8}$' THEN RETURN 'dni:' || lpad(v, 8, '0'); END IF;
        RETURN NULL;
    END IF;
    IF length(v) BETWEEN 4 AND 20 THEN RETURN k || ':' || v; END IF;
    RETURN NULL;
END $$;

CREATE INDEX complaint_phone_key ON reporting_complaint (reta_phone_key(complainant_phone))
    WHERE complainant_phone <> '';
CREATE INDEX victim_document_key ON reporting_victim
    (reta_document_key(document_type, document_number)) WHERE document_number <> '';
CREATE INDEX suspect_document_key ON reporting_suspect
    (reta_document_key(document_type, document_number)) WHERE document_number <> '';

-- Names: GiST, not GIN, because the crossing asks for the nearest names first
-- (ORDER BY name <-> typed LIMIT n), which only GiST answers from the index; 64-byte
-- signatures keep it precise on a million names. The complaints' expressions are those
-- of reporting's migration 0006 (reporting.selectors.SearchableName).
CREATE INDEX caseperson_name_trgm ON investigation_caseperson
    USING gist (name_folded gist_trgm_ops(siglen=64));
CREATE INDEX victim_name_nearest ON reporting_victim
    USING gist (reta_unaccent(lower(first_names || ' ' || last_names)) gist_trgm_ops(siglen=64));
CREATE INDEX suspect_name_nearest ON reporting_suspect
    USING gist (reta_unaccent(lower(first_names || ' ' || last_names || ' ' || alias))
                gist_trgm_ops(siglen=64));
"""

BACKWARD = r"""
DROP INDEX suspect_name_nearest;
DROP INDEX victim_name_nearest;
DROP INDEX caseperson_name_trgm;
DROP INDEX suspect_document_key;
DROP INDEX victim_document_key;
DROP INDEX complaint_phone_key;
DROP FUNCTION reta_document_key(text, text);
DROP FUNCTION reta_phone_key(text);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("investigation", "0001_cases_and_records"),
        ("reporting", "0006_name_search_index"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
