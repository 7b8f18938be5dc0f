"""The search by name: the pairs of a name's words, beside their beginnings.

Three common words ("quispe mamani rosa": 80,000, 80,000 and 60,000 of 2,300,000
victims) made the GIN index intersect three long lists for 53 people (4.4 ms of the
page). reta_name_tokens() holds what reta_name_prefixes() holds and, for every two
words of three letters or more, their first three letters as one token ("mam qui":
letters in code point order, a space between). A search's typed words give their own
pairs (reporting.selectors.name_tokens), so each pair is a short list: 1.4 ms. A name
with words beginning with each typed word has every pair of them: nothing is missed.
The index expressions must stay identical to reporting.selectors.NameTokens.
"""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION reta_name_tokens(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 10000
SET search_path = pg_catalog, public
AS $$
    WITH heads AS (
        SELECT DISTINCT left(w, 3) COLLATE "C" AS h FROM unnest(reta_name_words(t)) AS w
        WHERE length(w) >= 3
    )
    SELECT reta_name_prefixes(t) || coalesce(
        (SELECT array_agg(a.h || ' ' || b.h) FROM heads a JOIN heads b ON a.h < b.h), '{}')
$$;

CREATE INDEX victim_name_tokens ON reporting_victim
    USING gin (reta_name_tokens(first_names || ' ' || last_names));
CREATE INDEX suspect_name_tokens ON reporting_suspect
    USING gin (reta_name_tokens(first_names || ' ' || last_names || ' ' || alias));
DROP INDEX victim_name_prefixes;
DROP INDEX suspect_name_prefixes;
"""

BACKWARD = r"""
CREATE INDEX victim_name_prefixes ON reporting_victim
    USING gin (reta_name_prefixes(first_names || ' ' || last_names));
CREATE INDEX suspect_name_prefixes ON reporting_suspect
    USING gin (reta_name_prefixes(first_names || ' ' || last_names || ' ' || alias));
DROP INDEX suspect_name_tokens;
DROP INDEX victim_name_tokens;
DROP FUNCTION reta_name_tokens(text);
"""


class Migration(migrations.Migration):
    dependencies = [("reporting", "0013_name_prefixes")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
