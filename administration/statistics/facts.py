# ruff: noqa: S608 -- the statements are built from constants only, never from input.
"""Rebuild the fact tables from the registry, in PostgreSQL (INSERT … SELECT).

One transaction: readers see the old figures until the new ones are complete. Only sent
complaints count. A person named in several complaints (same identity document) counts
once, in the first complaint that named them."""

import time

from django.db import connection, transaction
from django.utils import timezone

from .bands import band_sql
from .models import FactsRefresh
from .variables import CROSSTAB_KINDS

# The variables of a complaint, as the fact tables keep them (models.FactColumns). Its
# custom variables of the cross-tab (variables.CROSSTAB_KINDS: yes/no and one of a list),
# retired ones included (old complaints keep their values), go in one JSON column keyed
# by the variable's id; a complaint with no value for one has no key ("not recorded").
_KINDS = ", ".join(f"'{kind}'" for kind in CROSSTAB_KINDS)  # constants: 'yes_no', 'choice'
COMPLAINT_COLUMNS = f"""
    c.id AS complaint_id,
    extract(year FROM c.date_of_facts)::int AS year_facts,
    extract(month FROM c.date_of_facts)::int AS month_facts,
    extract(year FROM c.sent_at AT TIME ZONE 'America/Lima')::int AS year_registration,
    extract(month FROM c.sent_at AT TIME ZONE 'America/Lima')::int AS month_registration,
    coalesce(c.department_id, '') AS department_id,
    coalesce(c.province_id, '') AS province_id,
    coalesce(u.department_id, '') AS unit_department_id,
    c.unit_id,
    coalesce(nullif(split_part(u.path, '.', 2), ''), split_part(u.path, '.', 1))::bigint
        AS directorate_id,
    CASE cardinality(c.purposes) WHEN 0 THEN 'not_assigned' WHEN 1 THEN c.purposes[1]
         ELSE 'several' END AS purpose,
    c.verdict, c.priority, c.channel, c.complainant_kind,
    CASE cardinality(c.means) WHEN 0 THEN 'not_recorded' WHEN 1 THEN c.means[1]
         ELSE 'several' END AS recruitment,
    c.paper_series_id IS NOT NULL AS paper,
    coalesce((
        SELECT jsonb_object_agg(cv.variable_id::text,
                                CASE cvar.kind WHEN 'yes_no' THEN cv.flag::text ELSE cv.text END)
        FROM administration_customvalue cv
        JOIN administration_customvariable cvar ON cvar.id = cv.variable_id
        WHERE cv.object_id = c.id AND cvar.target = 'complaint'
          AND cvar.kind IN ({_KINDS})
          AND CASE cvar.kind WHEN 'yes_no' THEN cv.flag IS NOT NULL ELSE cv.text <> '' END
    ), '{{}}'::jsonb) AS custom
"""
FACT_NAMES = (
    "complaint_id, year_facts, month_facts, year_registration, month_registration, "
    "department_id, province_id, unit_department_id, unit_id, directorate_id, purpose, "
    "verdict, priority, channel, complainant_kind, recruitment, paper, custom"
)

COMPLAINTS = f"""
INSERT INTO statistics_complaintfact ({FACT_NAMES}, victims, suspects)
SELECT {COMPLAINT_COLUMNS},
       (SELECT count(*) FROM reporting_victim v WHERE v.complaint_id = c.id),
       (SELECT count(*) FROM reporting_suspect s WHERE s.complaint_id = c.id)
FROM reporting_complaint c JOIN administration_unit u ON u.id = c.unit_id
WHERE c.status = 'sent'
"""

# A person's key: the identity document when there is one, else the row itself.
# HOOK (investigation case files, issue 12): the people of a case file join these lists
# here, keyed the same way (document, or the complaint person they were linked to), so a
# suspect of a complaint who is the same person in its case counts once.
VICTIMS = f"""
INSERT INTO statistics_victimfact ({FACT_NAMES}, sex, age, age_band, minor, nationality)
SELECT DISTINCT ON (person) {FACT_NAMES}, sex, age, {band_sql("age")},
       CASE WHEN age IS NULL THEN NULL ELSE age < 18 END, nationality
FROM (
    SELECT {COMPLAINT_COLUMNS}, v.sex, v.nationality,
           coalesce(v.age, extract(year FROM age(c.date_of_facts, v.birth_date))::int) AS age,
           CASE WHEN v.document_number <> '' THEN v.document_type || ':' || v.document_number
                ELSE 'row:' || v.id END AS person,
           c.sent_at AS first_seen, v.id AS row_id
    FROM reporting_victim v
    JOIN reporting_complaint c ON c.id = v.complaint_id AND c.status = 'sent'
    JOIN administration_unit u ON u.id = c.unit_id
) people
ORDER BY person, first_seen, row_id
"""

SUSPECTS = f"""
INSERT INTO statistics_suspectfact ({FACT_NAMES}, sex, nationality, identified, detained)
SELECT DISTINCT ON (person) {FACT_NAMES}, sex, nationality,
       bool_or(identified) OVER (PARTITION BY person),
       bool_or(detained) OVER (PARTITION BY person)
FROM (
    SELECT {COMPLAINT_COLUMNS}, s.sex, s.nationality, s.identified, s.detained,
           CASE WHEN s.document_number <> '' THEN s.document_type || ':' || s.document_number
                ELSE 'row:' || s.id END AS person,
           c.sent_at AS first_seen, s.id AS row_id
    FROM reporting_suspect s
    JOIN reporting_complaint c ON c.id = s.complaint_id AND c.status = 'sent'
    JOIN administration_unit u ON u.id = c.unit_id
) people
ORDER BY person, first_seen, row_id
"""

SUMMARY = """
INSERT INTO statistics_summarycount (unit_id, year_facts, year_registration, part, sex, n)
SELECT unit_id, year_facts, year_registration,
       CASE WHEN identified THEN 'true' ELSE 'false' END, sex, count(*)
FROM statistics_suspectfact GROUP BY 1, 2, 3, 4, 5
UNION ALL
SELECT unit_id, year_facts, year_registration,
       CASE minor WHEN true THEN '0-17' WHEN false THEN '18+' ELSE 'unknown' END, sex, count(*)
FROM statistics_victimfact GROUP BY 1, 2, 3, 4, 5
"""

TABLES = (
    "statistics_complaintfact",
    "statistics_victimfact",
    "statistics_suspectfact",
    "statistics_summarycount",
)


def refresh() -> FactsRefresh:
    """Rebuild every fact table from the sent complaints; return the refresh record."""
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        # One rebuild at a time; a second waits and then rebuilds again (cheap, correct).
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('statistics.facts.refresh'))")
        for table in TABLES:
            cursor.execute(f"DELETE FROM {table}")
        cursor.execute(COMPLAINTS)
        complaints = cursor.rowcount
        cursor.execute(VICTIMS)
        cursor.execute(SUSPECTS)
        cursor.execute(SUMMARY)
        record, _created = FactsRefresh.objects.get_or_create(pk=1)
        record.refreshed_at = timezone.now()
        record.complaints = complaints
        record.seconds = time.perf_counter() - started
        record.save(update_fields=["refreshed_at", "complaints", "seconds"])
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"ANALYZE {table}")
    return record


def last_refresh() -> FactsRefresh | None:
    return FactsRefresh.objects.filter(pk=1).first()
