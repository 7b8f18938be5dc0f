"""The search by name through the beginnings of the names' words.

reta_name_prefixes() holds, for each folded word of a name (reta_name_words: lower case,
no accents, letters and digits, particles and one-letter words dropped), the word and
every beginning of it from three letters on: "quispe" -> qui, quis, quisp, quispe. A
typed word is then one exact look-up in a GIN index, and the words of a search one
intersection of them (selectors.complaint_search), where the trigram search rechecked
every name holding the letters (75 ms for "quispe mamani rosa" among 2,000,000 victims).
The index expressions must stay identical to reporting.selectors.NamePrefixes.

Also the index of a user's own drafts (selectors.drafts_of)."""

from django.conf import settings
from django.db import migrations, models

FORWARD = r"""
-- COST: read from the index, never computed row by row under a LIMIT.
CREATE FUNCTION reta_name_prefixes(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 10000
SET search_path = pg_catalog, public
AS $$
    SELECT coalesce(array_agg(DISTINCT left(w, k)), '{}')
    FROM unnest(reta_name_words(t)) AS w,
         generate_series(least(3, length(w)), length(w)) AS k
$$;

CREATE INDEX victim_name_prefixes ON reporting_victim
    USING gin (reta_name_prefixes(first_names || ' ' || last_names));
CREATE INDEX suspect_name_prefixes ON reporting_suspect
    USING gin (reta_name_prefixes(first_names || ' ' || last_names || ' ' || alias));
"""

BACKWARD = r"""
DROP INDEX suspect_name_prefixes;
DROP INDEX victim_name_prefixes;
DROP FUNCTION reta_name_prefixes(text);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("administration", "0021_reference_history"),
        ("investigation", "0004_name_keys"),
        ("reporting", "0012_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(("status", "draft")),
                fields=["registered_by", "-updated_at"],
                name="complaint_drafts_of_user",
            ),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
