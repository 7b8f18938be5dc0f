"""Trigram indexes for looking up victims and suspects by name, accent- and case-blind.

unaccent() is not IMMUTABLE, so it cannot be indexed; reta_unaccent() names its
dictionary explicitly, which makes it so. The index expressions must stay identical to
reporting.selectors.SearchableName."""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION reta_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
SET search_path = pg_catalog, public
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

CREATE INDEX victim_name_trgm ON reporting_victim
    USING gin (reta_unaccent(lower(first_names || ' ' || last_names)) gin_trgm_ops);
CREATE INDEX suspect_name_trgm ON reporting_suspect
    USING gin (reta_unaccent(lower(first_names || ' ' || last_names || ' ' || alias)) gin_trgm_ops);
"""

BACKWARD = r"""
DROP INDEX suspect_name_trgm;
DROP INDEX victim_name_trgm;
DROP FUNCTION reta_unaccent(text);
"""


class Migration(migrations.Migration):
    dependencies = [("reporting", "0005_issued_document_history")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
