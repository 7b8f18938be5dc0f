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

FUNCTION = r"""
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
"""

VICTIM = "reta_name_tokens(first_names || ' ' || last_names)"
SUSPECT = "reta_name_tokens(first_names || ' ' || last_names || ' ' || alias)"
OLD_VICTIM = "reta_name_prefixes(first_names || ' ' || last_names)"
OLD_SUSPECT = "reta_name_prefixes(first_names || ' ' || last_names || ' ' || alias)"


def _index(name: str, table: str, expression: str) -> migrations.RunSQL:
    """Built without locking the table's writes (a national database's victims: minutes,
    while drafts are being saved); CONCURRENTLY runs outside a transaction, one a step."""
    return migrations.RunSQL(
        f"CREATE INDEX CONCURRENTLY {name} ON {table} USING gin ({expression})",
        f"DROP INDEX CONCURRENTLY IF EXISTS {name}",
    )


def _drop(name: str, table: str, expression: str) -> migrations.RunSQL:
    return migrations.RunSQL(
        f"DROP INDEX CONCURRENTLY {name}",
        f"CREATE INDEX CONCURRENTLY {name} ON {table} USING gin ({expression})",
    )


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("reporting", "0013_name_prefixes")]

    operations = [
        migrations.RunSQL(FUNCTION, "DROP FUNCTION reta_name_tokens(text)"),
        _index("victim_name_tokens", "reporting_victim", VICTIM),
        _index("suspect_name_tokens", "reporting_suspect", SUSPECT),
        _drop("victim_name_prefixes", "reporting_victim", OLD_VICTIM),
        _drop("suspect_name_prefixes", "reporting_suspect", OLD_SUSPECT),
    ]
