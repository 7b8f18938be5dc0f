# ruff: noqa: S608 -- the statements are built from constants only, never from input.
"""Rebuild the fact tables from the registry, in PostgreSQL (INSERT … SELECT).

One transaction: readers see the old figures until the new ones are complete. Only sent
complaints count, with their people; the victims and alleged traffickers of the case files
join theirs. A person counts once, in the first complaint that named them, else in the
first case file: the same identity document however it was written, or, for a case's
person, the same name as a person of one of the case's own complaints (_people). A case
person's row carries the variables of the case's first sent complaint and the case's unit;
a case with none carries its own (CASE_COLUMNS) and no complaint id, so it is counted but
lists no complaint."""

import time

from django.db import connection, transaction
from django.utils import timezone

from .bands import band_sql
from .models import FactsRefresh
from .variables import CROSSTAB_KINDS

# Directorate of a unit: the second level of its path (PNP.<directorate>…), the unit itself
# at the top.
_DIRECTORATE = (
    "coalesce(nullif(split_part(u.path, '.', 2), ''), split_part(u.path, '.', 1))::bigint"
)

# The variables of a complaint, as the fact tables keep them (models.FactColumns). Its
# custom variables of the cross-tab (variables.CROSSTAB_KINDS: yes/no and one of a list),
# retired ones included (old complaints keep their values), go in one JSON column keyed
# by the variable's id; a complaint with no value for one has no key ("not recorded").
# The unit, its directorate and its department are those of the unit joined as ``u``: the
# complaint's, or for a case person the case's (_case_rows), so that a unit's figures count
# the people its own cases found, never those of a case it may not see.
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
    u.id AS unit_id,
    {_DIRECTORATE} AS directorate_id,
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

# The variables of a case file with no sent complaint attached (opened on the unit's own
# initiative): when the facts happened, when it was opened (its "registration") and by
# which unit. Nothing is guessed for what only a complaint records (verdict, channel, who
# complained, means); the department is the unit's, as the route's origin already is for
# complaints, and the purpose is that of the case's exploitation records.
CASE_COLUMNS = f"""
    NULL::bigint AS complaint_id,
    extract(year FROM k.date_of_facts)::int AS year_facts,
    extract(month FROM k.date_of_facts)::int AS month_facts,
    extract(year FROM k.opened_at AT TIME ZONE 'America/Lima')::int AS year_registration,
    extract(month FROM k.opened_at AT TIME ZONE 'America/Lima')::int AS month_registration,
    coalesce(u.department_id, '') AS department_id,
    '' AS province_id,
    coalesce(u.department_id, '') AS unit_department_id,
    k.unit_id,
    {_DIRECTORATE} AS directorate_id,
    CASE e.purposes WHEN 0 THEN 'not_assigned' WHEN 1 THEN e.purpose ELSE 'several' END
        AS purpose,
    '' AS verdict, '' AS priority, '' AS channel, '' AS complainant_kind,
    'not_recorded' AS recruitment,
    false AS paper,
    '{{}}'::jsonb AS custom
"""
CASE_PURPOSES = """
    LEFT JOIN LATERAL (
        SELECT count(DISTINCT x.purpose) AS purposes, min(x.purpose) AS purpose
        FROM investigation_exploitation x WHERE x.case_id = k.id
    ) e ON true
"""


def _document(alias: str) -> str:
    """A person's identity document in the crossing's written form (reta_document_key,
    investigation migration 0002: "DNI 4012-3456" and "40123456" are one), for the people
    of complaints and of case files alike; a number it cannot read stays as typed."""
    return (
        f"CASE WHEN {alias}.document_number <> '' THEN coalesce("
        f"reta_document_key({alias}.document_type, {alias}.document_number), "
        f"'raw:' || {alias}.document_type || ':' || {alias}.document_number) END"
    )


def _folded(alias: str) -> str:
    """First and last names folded as administration.identifiers.fold_name does (its SQL
    twin over reta_unaccent, reporting migration 0006). Not the case's name_folded: that
    one carries the aliases too, which a complaint's victim does not have."""
    return (
        f"btrim(regexp_replace(reta_unaccent(lower({alias}.first_names || ' ' || "
        f"{alias}.last_names)), '[^0-9a-z]+', ' ', 'g'))"
    )


def _people(table: str, role: str) -> str:
    """Who is who, before counting: the people of the sent complaints (``table``) and the
    case files' people of ``role``, each with a key that is the same for the same person.

    The key is the identity document when there is one. A case person and a person of one
    of the case's own complaints with the same folded name are one person unless both have
    a document (then the documents decide): the complaint's person takes the document the
    investigation found, or the case person takes the complaint person's key. A name alone
    never joins people of unrelated records: common names are shared by many."""
    return f"""
first_complaint AS (
    SELECT DISTINCT ON (cc.case_id) cc.case_id, c.id AS complaint_id
    FROM investigation_casecomplaint cc
    JOIN reporting_complaint c ON c.id = cc.complaint_id AND c.status = 'sent'
    ORDER BY cc.case_id, c.sent_at, c.id
),
case_people AS (
    SELECT p.*, {_document("p")} AS document, {_folded("p")} AS folded
    FROM investigation_caseperson p WHERE p.role = '{role}'
),
named AS (
    SELECT p.id AS case_person_id, p.document AS case_document, x.id AS row_id,
           {_document("x")} AS row_document, c.sent_at
    FROM case_people p
    JOIN investigation_casecomplaint cc ON cc.case_id = p.case_id
    JOIN reporting_complaint c ON c.id = cc.complaint_id AND c.status = 'sent'
    JOIN {table} x ON x.complaint_id = c.id
    WHERE p.folded <> '' AND {_folded("x")} = p.folded
      AND (p.document IS NULL OR {_document("x")} IS NULL)
),
found_documents AS (
    SELECT DISTINCT ON (row_id) row_id, case_document AS document
    FROM named WHERE row_document IS NULL AND case_document IS NOT NULL
    ORDER BY row_id, case_person_id
),
complaint_people AS (
    SELECT x.*, coalesce({_document("x")}, f.document, 'row:' || x.id) AS person
    FROM {table} x LEFT JOIN found_documents f ON f.row_id = x.id
),
case_keys AS (
    SELECT DISTINCT ON (n.case_person_id) n.case_person_id,
           coalesce(n.row_document, f.document, 'row:' || n.row_id) AS person
    FROM named n LEFT JOIN found_documents f ON f.row_id = n.row_id
    WHERE n.case_document IS NULL
    ORDER BY n.case_person_id, n.sent_at, n.row_id
)"""


def _case_rows(person_columns: str) -> str:
    """The case people's rows: with the variables of the case's first sent complaint (its
    year, place and purpose are the case's) or, with none, of the case itself. A person
    also named in a complaint counts there (``source``: complaints' rows come first), with
    the values the complaint recorded."""
    return f"""
    SELECT {COMPLAINT_COLUMNS}, p.case_id, {person_columns.format(facts="c.date_of_facts")},
           coalesce(p.document, ck.person, 'case:' || p.id) AS person,
           c.sent_at AS first_seen, 1 AS source, p.id AS row_id
    FROM case_people p
    JOIN first_complaint f ON f.case_id = p.case_id
    JOIN reporting_complaint c ON c.id = f.complaint_id
    JOIN investigation_case k ON k.id = p.case_id
    JOIN administration_unit u ON u.id = k.unit_id
    LEFT JOIN case_keys ck ON ck.case_person_id = p.id
    UNION ALL
    SELECT {CASE_COLUMNS}, p.case_id, {person_columns.format(facts="k.date_of_facts")},
           coalesce(p.document, 'case:' || p.id) AS person,
           k.opened_at AS first_seen, 1 AS source, p.id AS row_id
    FROM case_people p
    JOIN investigation_case k ON k.id = p.case_id
    JOIN administration_unit u ON u.id = k.unit_id
    {CASE_PURPOSES}
    WHERE NOT EXISTS (SELECT 1 FROM first_complaint f WHERE f.case_id = p.case_id)"""


# Age on the date of the facts: the one typed, else from the date of birth.
_VICTIM = (
    "p.sex, p.nationality, "
    "coalesce(p.age, extract(year FROM age({facts}, p.birth_date))::int) AS age"
)
# A case's alleged trafficker is identified when named in full or by a document: what an
# officer means by ticking "identified" on a complaint's suspect.
_SUSPECT = (
    "p.sex, p.nationality, "
    "(p.document IS NOT NULL OR (p.first_names <> '' AND p.last_names <> '')) AS identified, "
    "p.detained"
)

# One row per person: the first complaint that named them, else the first case file.
VICTIMS = f"""
INSERT INTO statistics_victimfact ({FACT_NAMES}, case_id, sex, age, age_band, minor,
                                   nationality)
WITH {_people("reporting_victim", "victim")}
SELECT DISTINCT ON (person) {FACT_NAMES}, case_id, sex, age, {band_sql("age")},
       CASE WHEN age IS NULL THEN NULL ELSE age < 18 END, nationality
FROM (
    SELECT {COMPLAINT_COLUMNS}, NULL::bigint AS case_id, v.sex, v.nationality,
           coalesce(v.age, extract(year FROM age(c.date_of_facts, v.birth_date))::int) AS age,
           v.person, c.sent_at AS first_seen, 0 AS source, v.id AS row_id
    FROM complaint_people v
    JOIN reporting_complaint c ON c.id = v.complaint_id AND c.status = 'sent'
    JOIN administration_unit u ON u.id = c.unit_id
    UNION ALL {_case_rows(_VICTIM)}
) people
ORDER BY person, source, first_seen, row_id
"""

# Identified and detained if any of the person's records says so.
SUSPECTS = f"""
INSERT INTO statistics_suspectfact ({FACT_NAMES}, case_id, sex, nationality, identified,
                                    detained)
WITH {_people("reporting_suspect", "trafficker")}
SELECT DISTINCT ON (person) {FACT_NAMES}, case_id, sex, nationality,
       bool_or(identified) OVER (PARTITION BY person),
       bool_or(detained) OVER (PARTITION BY person)
FROM (
    SELECT {COMPLAINT_COLUMNS}, NULL::bigint AS case_id, s.sex, s.nationality, s.identified,
           s.detained, s.person, c.sent_at AS first_seen, 0 AS source, s.id AS row_id
    FROM complaint_people s
    JOIN reporting_complaint c ON c.id = s.complaint_id AND c.status = 'sent'
    JOIN administration_unit u ON u.id = c.unit_id
    UNION ALL {_case_rows(_SUSPECT)}
) people
ORDER BY person, source, first_seen, row_id
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
    """Rebuild every fact table from the sent complaints and the case files; return the
    refresh record."""
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
