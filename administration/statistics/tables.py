"""The standard tables (DOMAIN.md, "Statistics the system must produce") and the
cross-tab, built from counts: the same functions serve the pages, the exports and
``manage.py statistics``."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors, suppression
from .crosstab import Cell, Layout, Query, format_number, layout
from .variables import COMPLAINTS, SUSPECTS, VARIABLES, VICTIMS, domain, labels

ROUTES = "routes"
SUMMARY = "summary"


@dataclass(frozen=True)
class Standard:
    code: str
    title: str
    measure: str
    rows: tuple[str, ...]
    column: str | None
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    note: str = ""


STANDARD = {
    t.code: t
    for t in (
        Standard("purpose", gettext_lazy("Cases by purpose"), COMPLAINTS, ("year",), "purpose"),
        Standard(
            "victims_age",
            gettext_lazy("Victims by sex and age band"),
            VICTIMS,
            ("age_band",),
            "sex",
        ),
        Standard(
            "victims_minor",
            gettext_lazy("Victims by sex: children and teenagers (0–17) and adults (18+)"),
            VICTIMS,
            ("minor",),
            "sex",
        ),
        Standard(
            "victims_nationality",
            gettext_lazy("Victims by nationality"),
            VICTIMS,
            ("nationality",),
            "sex",
        ),
        Standard(
            "victims_department",
            gettext_lazy("Victims by department of the facts"),
            VICTIMS,
            ("department",),
            "sex",
        ),
        Standard(
            "traffickers",
            gettext_lazy("Alleged traffickers identified, by year and sex"),
            SUSPECTS,
            ("year",),
            "sex",
            filters=(("identified", ("true",)),),
        ),
        Standard(
            "traffickers_nationality",
            gettext_lazy("Alleged traffickers identified, by nationality, and how many detained"),
            SUSPECTS,
            ("nationality",),
            "detained",
            filters=(("identified", ("true",)),),
        ),
        Standard(
            "cases_department",
            gettext_lazy("Cases by department and province of the facts"),
            COMPLAINTS,
            ("department", "province"),
            None,
        ),
        Standard(
            ROUTES,
            gettext_lazy(
                "Routes: from the department where reported to the department of the facts"
            ),
            COMPLAINTS,
            ("origin", "department"),
            None,
            note=gettext_lazy(
                "Until case files record the places of recruitment and exploitation, the "
                "route runs from the department of the unit that received the complaint to the "
                "department of the facts."
            ),
        ),
        Standard(
            "recruitment",
            gettext_lazy("Cases by means of recruitment"),
            COMPLAINTS,
            ("recruitment",),
            None,
            note=gettext_lazy(
                "From the means ticked on the complaint; the recruitment method of the case "
                "files will join it."
            ),
        ),
        Standard(
            "complainant",
            gettext_lazy("Who complained, and how the complaint arrived"),
            COMPLAINTS,
            ("complainant",),
            "channel",
        ),
        Standard(
            "registration",
            gettext_lazy("Registration by directorate over time"),
            COMPLAINTS,
            ("directorate",),
            "year",
            note=gettext_lazy(
                "By the year of registration. A directorate with no complaints for years is "
                "a finding, not missing data."
            ),
        ),
    )
}


def _keys(query: Query, counts: dict[tuple, int], position: int) -> list[str]:
    variable = VARIABLES[query.variables[position]]
    present = {key[position] for key in counts}
    if variable.whole_domain or variable.values is not None:
        ordered = domain(variable) if variable.whole_domain else []
        ordered += [c for c, _label in (variable.values or ())]
        ordered = list(dict.fromkeys(ordered))
        # Fixed lists keep their values in order, showing the empty ones only where the
        # whole domain matters (whole_domain) or the value was registered.
        keep = [c for c in ordered if variable.whole_domain or c in present]
        return keep + sorted(present - set(keep))
    if variable.code == "year":
        return sorted(present, key=lambda c: (c == "", c))
    names = labels(variable, present)
    return sorted(present, key=lambda c: (c == "", names.get(c, c)))


def build(query: Query, user, *, title: str | None = None, as_rows: bool = False) -> Layout:
    """The cross-tab of ``query`` as ``user`` may see it: the last variable across, the
    others down (every variable down with ``as_rows``)."""
    k = selectors.suppression_k(user)
    if k and query.filters:
        counts, slices = selectors.counts_and_slices(query, user)
    else:
        counts, slices = selectors.grouped_counts(query, user), []
    codes = query.variables
    if not codes:
        total = counts.get((), 0)
        counts = {("",): total}
    variables = [VARIABLES[c] for c in codes]
    across = len(variables) > 1 and not as_rows
    row_vars, col_var = (variables[:-1], variables[-1]) if across else (variables, None)
    positions = {code: n for n, code in enumerate(codes)}
    value_keys = {code: _keys(query, counts, positions[code]) for code in codes}
    all_labels = {code: labels(VARIABLES[code], value_keys[code]) for code in codes}
    if across:
        row_keys = _row_keys([value_keys[v.code] for v in row_vars], counts, len(row_vars))
        col_keys = value_keys[col_var.code]
        keyed, keyed_slices = counts, slices
    else:
        row_keys = (
            _row_keys([value_keys[v.code] for v in row_vars], counts, len(row_vars))
            if codes
            else []
        )
        col_keys = []
        keyed = {(*key, ""): n for key, n in counts.items()}
        keyed_slices = [{(*key, ""): n for key, n in s.items()} for s in slices]
    return layout(
        title=title or query.title,
        row_vars=row_vars,
        col_var=col_var,
        row_keys=row_keys,
        col_keys=col_keys,
        counts=keyed,
        labels=all_labels,
        percent=query.percent,
        suppress_k=k,
        slices=keyed_slices,
    )


def _row_keys(value_lists, counts, n):
    if n == 1:
        return [(c,) for c in value_lists[0]]
    # Combinations of two row variables: only those registered (a department × province
    # grid of every pair would be mostly empty).
    present = {key[:n] for key in counts}
    order = [{c: i for i, c in enumerate(values)} for values in value_lists]
    return sorted(present, key=lambda key: tuple(order[i].get(c, 10**6) for i, c in enumerate(key)))


def standard_query(code: str, *, basis="facts", year_from=None, year_to=None) -> Query:
    table = STANDARD[code]
    variables = [*table.rows, *([table.column] if table.column else [])]
    return Query(
        measure=table.measure,
        variables=variables,
        filters={k: list(v) for k, v in table.filters},
        basis="registration" if code == "registration" else basis,
        year_from=year_from,
        year_to=year_to,
    )


def standard(code: str, user, **choices) -> Layout:
    table = STANDARD[code]
    return build(
        standard_query(code, **choices),
        user,
        title=str(table.title),
        as_rows=table.column is None,
    )


# The national summary: groups of columns as in the first RETA's table.
SEX_CODES = ("M", "F", "X")


@dataclass
class Summary:
    years: list[str]
    groups: list[tuple[str, int]]  # (label, number of columns)
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]
    suppressed: bool
    k: int

    def plain(self) -> list[list[str]]:
        header = [str(_("Year"))]
        for label, span in self.groups:
            header += [f"{label}: {c}" if span > 1 else label for c in self.columns_of(label)]
        lines = [header]
        for year, cells in self.rows:
            lines.append([year, *(cell.label for cell in cells)])
        return lines

    def columns_of(self, group_label):
        start = 0
        for label, span in self.groups:
            if label == group_label:
                return self.columns[start : start + span]
            start += span
        return []


def summary(user, *, basis="facts", year_from=None, year_to=None) -> Summary:
    """Investigated persons identified / in identification and victims adults / children
    and teenagers, each by sex, and total victims, by year; each person counted once."""
    counts = selectors.summary_counts(user, basis=basis, year_from=year_from, year_to=year_to)
    suspects = {k: n for k, n in counts.items() if k[1] in ("true", "false")}
    victims = {k: n for k, n in counts.items() if k[1] not in ("true", "false")}
    years = sorted(
        {key[0] for key in suspects} | {key[0] for key in victims}, key=lambda c: (c == "", c)
    )

    def grid(source, part):
        return [[source.get((y, part, s), 0) for s in SEX_CODES] for y in years]

    tables = [
        grid(suspects, "true"),
        grid(suspects, "false"),
        grid(victims, "18+"),
        grid(victims, "0-17"),
        [[sum(victims.get((y, "unknown", s), 0) for s in SEX_CODES)] for y in years],
    ]
    widths = (3, 3, 3, 3, 1, 3)
    extended = [suppression.extend(t, columns=w) for t, w in zip(tables, widths, strict=False)]
    rows_n = len(years) + 1
    total_victims = [
        [extended[2][i][3], extended[3][i][3], extended[4][i][0]] for i in range(len(years))
    ]
    tables.append(total_victims)
    k = selectors.suppression_k(user)
    if k and years:
        links = []
        for i in range(rows_n):
            links += [((5, i, 0), (2, i, 3)), ((5, i, 1), (3, i, 3)), ((5, i, 2), (4, i, 0))]
            links.append(((4, i, 0), (4, i, 1)))
        results = suppression.suppress_linked(tables, links, k=k)
        shown = [r.values for r in results]
    else:
        shown = [suppression.extend(t, columns=w) for t, w in zip(tables, widths, strict=True)]

    def cell(value):
        return Cell(
            value=value,
            label=f"<{k}" if value is None else format_number(value),
            hidden=value is None,
        )

    rows = []
    labels_ = [*(y or _("not recorded") for y in years), _("Total")]
    for i, year in enumerate(labels_):
        cells = []
        for t in range(4):
            cells += [cell(shown[t][i][j]) for j in range(4)]
        cells.append(cell(shown[4][i][0]))
        cells.append(cell(shown[5][i][3]))
        rows.append((str(year), cells))
    sexes = [_("M"), _("F"), _("n.r."), _("total")]
    groups = [
        (_("Investigated persons identified"), 4),
        (_("Investigated persons in identification"), 4),
        (_("Adult victims"), 4),
        (_("Child and teenage victims"), 4),
        (_("Victims of unrecorded age"), 1),
        (_("Total victims"), 1),
    ]
    return Summary(
        years=years,
        groups=[(str(label), span) for label, span in groups],
        columns=[*map(str, sexes * 4), str(_("total")), str(_("total"))],
        rows=rows,
        suppressed=bool(k),
        k=k or 0,
    )
