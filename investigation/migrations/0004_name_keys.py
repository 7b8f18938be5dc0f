"""Exact name keys, so that a name is crossed through a b-tree-like GIN look-up of a few
keys instead of a nearest-first trigram scan of millions of names.

reta_name_keys() is the SQL twin of investigation.matching.record_keys (the tests compare
both on many spellings): the folded words of the names (reta_unaccent, lower case, letters
and digits only, particles and one-letter words dropped, as matching._words), then one key
per surname and first name, one per two surnames and a first name, and one marking a
record with a single surname. The complaints' people are indexed by expression (sent
complaints are locked); the case people too, by the same expression."""

from django.db import migrations

PARTICLES = "'de', 'del', 'la', 'las', 'los', 'y', 'da', 'do', 'dos', 'san'"

FORWARD = rf"""
CREATE FUNCTION reta_name_words(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, public
AS $$
    SELECT coalesce(array_agg(w ORDER BY n), '{{}}')
    FROM unnest(string_to_array(
        regexp_replace(reta_unaccent(lower(coalesce(t, ''))), '[^0-9a-z]+', ' ', 'g'), ' '
    )) WITH ORDINALITY AS words(w, n)
    WHERE length(w) > 1 AND w NOT IN ({PARTICLES})
$$;

-- COST: reading the keys from the index is far cheaper than computing them row by row,
-- which a plan that filters a million rows under a LIMIT would otherwise do.
CREATE FUNCTION reta_name_keys(first_names text, last_names text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 10000
SET search_path = pg_catalog, public
AS $$
DECLARE
    firsts text[] := reta_name_words(first_names);
    lasts text[] := ARRAY(
        SELECT DISTINCT w COLLATE "C" FROM unnest(reta_name_words(last_names)) AS w
        ORDER BY 1
    );
    keys text[] := '{{}}';
    f text;
    i int;
    j int;
    n int := cardinality(lasts);
BEGIN
    FOREACH f IN ARRAY firsts LOOP
        FOR i IN 1..n LOOP
            keys := keys || (lasts[i] || '|' || f);
            IF n = 1 THEN
                keys := keys || (lasts[i] || '|' || f || '|1');
            END IF;
            FOR j IN i + 1..n LOOP
                keys := keys || (lasts[i] || ' ' || lasts[j] || '|' || f);
            END LOOP;
        END LOOP;
    END LOOP;
    RETURN ARRAY(SELECT DISTINCT k FROM unnest(keys) AS k);
END $$;

CREATE INDEX victim_name_keys ON reporting_victim
    USING gin (reta_name_keys(first_names, last_names));
CREATE INDEX suspect_name_keys ON reporting_suspect
    USING gin (reta_name_keys(first_names, last_names));
CREATE INDEX caseperson_name_keys ON investigation_caseperson
    USING gin (reta_name_keys(first_names, last_names));
"""

BACKWARD = r"""
DROP INDEX caseperson_name_keys;
DROP INDEX suspect_name_keys;
DROP INDEX victim_name_keys;
DROP FUNCTION reta_name_keys(text, text);
DROP FUNCTION reta_name_words(text);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("investigation", "0003_lead_latest_index"),
        ("reporting", "0012_indexes"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
