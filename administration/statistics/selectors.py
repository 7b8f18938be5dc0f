"""Reads for statistics: counts from the fact tables, within the user's scope.

Column names come only from the variable registry (variables.py); values are always
query parameters."""

from __future__ import annotations

from collections import defaultdict

from django.db import connection, transaction

from administration.scope import scope_unit_ids, sees_personal_data

from .crosstab import Query
from .models import StatisticsSettings
from .variables import COMPLAINTS, VARIABLES

FACT_TABLES = {
    "complaints": "statistics_complaintfact",
    "victims": "statistics_victimfact",
    "suspects": "statistics_suspectfact",
}
NATIONAL = object()
# The web's connections start no parallel worker (settings.DATABASES: their queries are
# short, and workers would take the cores of other requests); the aggregates of millions
# of facts here are the exception (cross-tab 440 -> 264 ms on an idle 2-core machine).
PARALLEL_WORKERS = 2


def _aggregate(sql: str, params: list) -> list[tuple]:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL max_parallel_workers_per_gather = {PARALLEL_WORKERS:d}")
        cursor.execute(sql, params)
        return cursor.fetchall()


def settings_get() -> StatisticsSettings:
    """The administrator's settings, or the defaults while none are saved."""
    return StatisticsSettings.objects.order_by("pk").first() or StatisticsSettings()


def suppression_k(user) -> int | None:
    """k for users who see figures only (analysts); None for those who see records."""
    if user is NATIONAL or sees_personal_data(user):
        return None
    return settings_get().k


def _where(query: Query, user, *, skip_filter: str | None = None) -> tuple[list[str], list]:
    conditions, params = [], []
    if user is not NATIONAL:
        units = scope_unit_ids(user)
        if units is not None:
            conditions.append("unit_id = ANY(%s)")
            params.append(units)
    year = VARIABLES["year"].sql(query.basis)
    if query.year_from:
        conditions.append(f"{year} >= %s")
        params.append(query.year_from)
    if query.year_to:
        conditions.append(f"{year} <= %s")
        params.append(query.year_to)
    for code, values in query.filters.items():
        if code == skip_filter:
            continue
        column = VARIABLES[code].sql(query.basis)
        conditions.append(f"({column})::text = ANY(%s)")
        params.append(list(values))
    return conditions, params


def grouped_counts(
    query: Query, user, *, extra: str | None = None, skip_filter: str | None = None
) -> dict[tuple, int]:
    """Counts by the query's variables (and ``extra`` last), e.g. {("2010", "F"): 12}."""
    codes = [*query.variables, *([extra] if extra else [])]
    # Raw columns group faster than text casts over millions of rows; codes are made text
    # here, as the URL and the labels have them.
    columns = [VARIABLES[c].sql(query.basis) for c in codes]
    conditions, params = _where(query, user, skip_filter=skip_filter)
    sql = f"SELECT {', '.join([*columns, 'count(*)'])} FROM {FACT_TABLES[query.measure]}"  # noqa: S608
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    if columns:
        sql += " GROUP BY " + ", ".join(str(n + 1) for n in range(len(columns)))
    counts: dict[tuple, int] = defaultdict(int)
    for row in _aggregate(sql, params):
        counts[tuple(_code(v) for v in row[:-1])] += row[-1]
    return dict(counts)


def _code(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def filter_slices(query: Query, user) -> list[dict[tuple, int]]:
    """For analysts: each filtered variable's slices (one per chosen value, and the part
    outside the filter), so that two tables differing by one filter value never differ
    by a small count (suppression.py, rule 3)."""
    slices = []
    for code, values in query.filters.items():
        by_value: dict[str, dict[tuple, int]] = defaultdict(dict)
        outside: dict[tuple, int] = defaultdict(int)
        for key, count in grouped_counts(query, user, extra=code, skip_filter=code).items():
            *combination, value = key
            if value in values:
                by_value[value][tuple(combination)] = count
            else:
                outside[tuple(combination)] += count
        slices += [*by_value.values(), dict(outside)]
    return slices


def _cell_where(query: Query, user, codes: dict[str, str]) -> tuple[list[str], list]:
    cell = Query(
        measure=query.measure,
        filters={**query.filters, **{k: [v] for k, v in codes.items()}},
        basis=query.basis,
        year_from=query.year_from,
        year_to=query.year_to,
    )
    return _where(cell, user)


def complaint_ids(query: Query, user, codes: dict[str, str], limit: int = 500) -> list[int]:
    """The complaints behind one cell (drill-down), within scope."""
    conditions, params = _cell_where(query, user, codes)
    # People of a case file with no complaint are counted in the cell, but list none.
    conditions.append("complaint_id IS NOT NULL")
    sql = f"SELECT DISTINCT complaint_id FROM {FACT_TABLES[query.measure]}"  # noqa: S608
    sql += " WHERE " + " AND ".join(conditions)
    sql += " ORDER BY complaint_id DESC LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return [row[0] for row in cursor.fetchall()]


def people_without_complaint(query: Query, user, codes: dict[str, str]) -> int:
    """How many people of one cell come from case files with no complaint attached."""
    if query.measure == COMPLAINTS:
        return 0
    conditions, params = _cell_where(query, user, codes)
    conditions.append("complaint_id IS NULL")
    sql = f"SELECT count(*) FROM {FACT_TABLES[query.measure]}"  # noqa: S608
    sql += " WHERE " + " AND ".join(conditions)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def media_candidates(report, limit: int = 10):
    """Registered complaints that may be the case of a news report, likeliest first, as
    (complaint, candidate); the narrative is read here and never shown to analysts."""
    from datetime import timedelta

    from django.db.models import Count, Q

    from reporting.models import Complaint

    from . import media

    window = timedelta(days=media.WINDOW_DAYS)
    first, last = report.published_on - window, report.published_on + window
    rows = (
        Complaint.objects.filter(status="sent")
        .filter(
            Q(date_of_facts__range=(first, last))
            | Q(date_of_facts__isnull=True, sent_at__date__range=(first, last))
        )
        .annotate(n_victims=Count("victims"))
    )
    if report.department_id:
        rows = rows.filter(department_id=report.department_id)
    plain = [
        {
            "id": c.pk,
            "date_of_facts": c.date_of_facts,
            "sent_on": c.sent_at.date(),
            "department": c.department_id,
            "purposes": c.purposes,
            "victims": c.n_victims,
            "narrative": c.narrative,
        }
        for c in rows.order_by("-sent_at")[:2000]
    ]
    data = {
        "published_on": report.published_on,
        "department": report.department_id,
        "purpose": report.purpose,
        "victims": report.victims,
        "summary": report.summary,
    }
    ranked = media.rank(data, plain, limit=limit)
    complaints = Complaint.objects.select_related("department", "unit").in_bulk(
        [c.complaint_id for c in ranked]
    )
    return [(complaints[c.complaint_id], c) for c in ranked]


def media_yearly_table(year: int | None = None):
    """By department: complaints registered (possible trafficking, by year of the facts),
    news reports matched to one, and news reports never registered."""
    from django.db.models import Count

    from administration.models import Department
    from reporting.models import Complaint

    from .models import MediaReport

    registered = Complaint.objects.filter(status="sent", verdict="trafficking")
    reports = MediaReport.objects.all()
    if year:
        registered = registered.filter(date_of_facts__year=year)
        reports = reports.filter(published_on__year=year)
    by_dept = dict(
        registered.values_list("department_id")
        .annotate(n=Count("pk"))
        .values_list("department_id", "n")
    )
    counts = {
        (d, s): n
        for d, s, n in reports.values_list("department_id", "status")
        .annotate(n=Count("pk"))
        .values_list("department_id", "status", "n")
    }
    rows = []
    for code, name in Department.objects.order_by("name").values_list("code", "name"):
        rows.append(
            (
                name,
                by_dept.get(code, 0),
                counts.get((code, "matched"), 0),
                counts.get((code, "not_registered"), 0),
                counts.get((code, "open"), 0),
            )
        )
    return rows


def summary_counts(user, *, basis: str, year_from=None, year_to=None) -> dict[tuple, int]:
    """People of the national summary by (year, part, sex), from the pre-counted table:
    part is "true"/"false" (traffickers identified or not) or "18+"/"0-17"/"unknown"."""
    query = Query(basis=basis, year_from=year_from, year_to=year_to)
    conditions, params = _where(query, user)
    year = VARIABLES["year"].sql(basis)
    sql = f"SELECT {year}, part, sex, sum(n) FROM statistics_summarycount"  # noqa: S608
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    sql += " GROUP BY 1, 2, 3"
    return {(_code(y), part, sex): int(n) for y, part, sex, n in _aggregate(sql, params)}


def counts_and_slices(query: Query, user) -> tuple[dict[tuple, int], list[dict[tuple, int]]]:
    """The counts of ``query`` and its filter slices (filter_slices) from a single scan of
    the rows that fail at most one filter, each filtered value kept only when chosen."""
    codes = list(query.filters)
    conditions, params = _where(
        Query(basis=query.basis, year_from=query.year_from, year_to=query.year_to), user
    )
    columns = [VARIABLES[c].sql(query.basis) for c in query.variables]
    select_params: list = []
    misses = []
    for code in codes:
        expression = f"({VARIABLES[code].sql(query.basis)})::text"
        columns.append(f"CASE WHEN {expression} = ANY(%s) THEN {expression} END")
        select_params.append(list(query.filters[code]))
        misses.append(f"(CASE WHEN {expression} = ANY(%s) THEN 0 ELSE 1 END)")
        params.append(list(query.filters[code]))
    conditions.append("(" + " + ".join(misses) + ") <= 1")
    sql = (
        f"SELECT {', '.join([*columns, 'count(*)'])} FROM {FACT_TABLES[query.measure]}"  # noqa: S608
        f" WHERE {' AND '.join(conditions)}"
        f" GROUP BY {', '.join(str(n + 1) for n in range(len(columns)))}"
    )
    rows = _aggregate(sql, [*select_params, *params])
    n = len(query.variables)
    counts: dict[tuple, int] = defaultdict(int)
    parts = [({v: defaultdict(int) for v in query.filters[c]}, defaultdict(int)) for c in codes]
    for row in rows:
        combination = tuple(_code(v) for v in row[:n])
        values, count = row[n:-1], row[-1]
        missed = [i for i, value in enumerate(values) if value is None]
        if not missed:
            counts[combination] += count
            for i, value in enumerate(values):
                parts[i][0][value][combination] += count
        else:
            # Exactly one filter failed: the part outside that filter.
            parts[missed[0]][1][combination] += count
    slices: list[dict] = []
    for by_value, outside in parts:
        slices += [dict(s) for s in by_value.values()] + [dict(outside)]
    return dict(counts), slices
