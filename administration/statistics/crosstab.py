"""The cross-tab: its choices (parsed from a URL, plain data) and its layout (counts by
combination → a grid with totals, percentages and suppression). No ORM, no request."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from . import suppression
from .variables import COMPLAINTS, MEASURES, VARIABLES, Variable

BASES = ("facts", "registration")
PERCENTS = ("none", "row", "column", "total")
MAX_VARIABLES = 3
FIRST_YEAR, LAST_YEAR = 1990, 2100


@dataclass
class Query:
    measure: str = COMPLAINTS
    variables: list[str] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    basis: str = "facts"
    year_from: int | None = None
    year_to: int | None = None
    percent: str = "none"

    def params(self) -> str:
        """The choices as a query string: the link that reproduces the table."""
        pairs = [("measure", self.measure), ("basis", self.basis), ("percent", self.percent)]
        pairs += [("var", v) for v in self.variables]
        if self.year_from:
            pairs.append(("from", self.year_from))
        if self.year_to:
            pairs.append(("to", self.year_to))
        for code, values in sorted(self.filters.items()):
            pairs += [(f"f_{code}", value) for value in values]
        return urlencode(pairs)

    @property
    def title(self) -> str:
        names = " × ".join(str(VARIABLES[v].label) for v in self.variables)
        return f"{MEASURES[self.measure]}: {names}" if names else str(MEASURES[self.measure])


def _year(raw: str, errors: list[str], what: str) -> int | None:
    if not raw:
        return None
    if not raw.isdigit() or not FIRST_YEAR <= int(raw) <= LAST_YEAR:
        errors.append(_("The year “%(what)s” must be a year such as 2010.") % {"what": what})
        return None
    return int(raw)


def parse(data: Mapping) -> tuple[Query, list[str]]:
    """Read a query from GET data (a QueryDict or a dict of lists); errors in Spanish."""

    def many(key):
        got = data.getlist(key) if hasattr(data, "getlist") else data.get(key, [])
        return [v for v in ([got] if isinstance(got, str) else got) if v != "" or key == "f_"]

    def one(key, default=""):
        values = many(key)
        return values[0] if values else default

    errors: list[str] = []
    query = Query()
    measure = one("measure", COMPLAINTS)
    if measure not in MEASURES:
        errors.append(_("Choose what to count: complaints, victims or alleged traffickers."))
    else:
        query.measure = measure
    basis = one("basis", "facts")
    if basis not in BASES:
        errors.append(_("Count by the year of the facts or by the year of registration."))
    else:
        query.basis = basis
    percent = one("percent", "none")
    query.percent = percent if percent in PERCENTS else "none"
    for code in many("var"):
        variable = VARIABLES.get(code)
        if variable is None:
            errors.append(_("There is no variable “%(code)s”.") % {"code": code[:40]})
        elif query.measure not in variable.measures:
            errors.append(
                _("“%(variable)s” cannot be counted for %(measure)s.")
                % {"variable": variable.label, "measure": MEASURES[query.measure]}
            )
        elif code not in query.variables:
            query.variables.append(code)
    if len(query.variables) > MAX_VARIABLES:
        errors.append(_("Choose at most three variables."))
        query.variables = query.variables[:MAX_VARIABLES]
    query.year_from = _year(one("from"), errors, _("from"))
    query.year_to = _year(one("to"), errors, _("to"))
    if query.year_from and query.year_to and query.year_from > query.year_to:
        errors.append(_("The first year comes after the last one."))
    keys = data.keys() if hasattr(data, "keys") else []
    for key in sorted(keys):
        if not key.startswith("f_"):
            continue
        code = key[2:]
        variable = VARIABLES.get(code)
        values = data.getlist(key) if hasattr(data, "getlist") else list(data[key])
        values = [v[:40] for v in values]
        if variable is None or query.measure not in variable.measures:
            errors.append(_("A filter names a variable that does not apply here."))
            continue
        if variable.values is not None:
            known = {c for c, _label in variable.values}
            if any(v not in known for v in values):
                errors.append(
                    _("A filter on “%(variable)s” has a value that does not exist.")
                    % {"variable": variable.label}
                )
                continue
        if values:
            query.filters[code] = sorted(set(values))
    return query, errors


@dataclass
class Cell:
    value: int | None
    label: str
    percent: str = ""
    hidden: bool = False
    # The codes of the combination (for drilling down to its complaints).
    codes: dict[str, str] = field(default_factory=dict)
    # The query string of the cell's complaint list, for users who see records.
    drill: str = ""


@dataclass
class Layout:
    """The table as shown: header labels, rows of cells (the last row and column are the
    totals) and the same as plain numbers for charts and exports."""

    title: str
    row_headers: list[str]
    column_labels: list[str]
    rows: list[tuple[list[str], list[Cell]]]
    suppressed: bool
    k: int

    def plain(self) -> list[list[str]]:
        """Header and rows as text: what CSV and XLSX carry, as the page shows it."""
        lines = [[*self.row_headers, *self.column_labels]]
        for labels_, cells in self.rows:
            lines.append([*labels_, *(cell.label for cell in cells)])
        return lines


def layout(
    *,
    title: str,
    row_vars: list[Variable],
    col_var: Variable | None,
    row_keys: list[tuple[str, ...]],
    col_keys: list[str],
    counts: dict[tuple, int],
    labels: dict[str, dict[str, str]],
    percent: str = "none",
    suppress_k: int | None = None,
    slices: list[dict[tuple, int]] = (),
) -> Layout:
    """Lay out counts keyed by (row codes…, column code) as a grid with totals; with
    ``suppress_k`` as analysts see it (small counts hidden, complements, slices)."""
    cols = col_keys or [""]

    def grid(source):
        return [[source.get((*rk, ck), 0) for ck in cols] for rk in row_keys]

    matrix = grid(counts) if row_keys else [[0 for _ in cols]]
    if suppress_k:
        result = suppression.suppress(
            matrix, k=suppress_k, slices=[grid(s) for s in slices] if row_keys else []
        )
        values = result.values
    else:
        values = suppression.extend(matrix)
    total_label = _("Total")
    rows = []
    keys = [*row_keys, None] if row_keys else [None]
    for i, key in enumerate(keys):
        cells = []
        for j in range(len(cols) + 1):
            value = values[i][j]
            whole = {
                "row": values[i][-1],
                "column": values[-1][j],
                "total": values[-1][-1],
            }.get(percent)
            share = suppression.percentage(value, whole) if percent != "none" else None
            codes = {}
            if key is not None:
                codes.update({v.code: c for v, c in zip(row_vars, key, strict=True)})
            if col_var is not None and j < len(cols):
                codes[col_var.code] = cols[j]
            cells.append(
                Cell(
                    value=value,
                    label=f"<{suppress_k}" if value is None else format_number(value),
                    percent="" if share is None else format_percent(share),
                    hidden=value is None,
                    codes=codes,
                )
            )
        if key is None:
            names = [str(total_label)] + [""] * (len(row_vars) - 1)
        else:
            names = [
                labels[v.code].get(c, c or str(_("not recorded")))
                for v, c in zip(row_vars, key, strict=True)
            ]
        rows.append((names or [str(total_label)], cells))
    column_labels = (
        [labels[col_var.code].get(c, c or _("not recorded")) for c in cols]
        if (col_var)
        else [str(_("Count"))]
    )
    return Layout(
        title=title,
        row_headers=[str(v.label) for v in row_vars] or [""],
        column_labels=[*map(str, column_labels), str(total_label)],
        rows=rows,
        suppressed=bool(suppress_k),
        k=suppress_k or 0,
    )


def format_number(value: int) -> str:
    """Peruvian thousands separator (a comma): 1,234,567."""
    return f"{value:,}"


def format_percent(value: float) -> str:
    return f"{value:.1f} %"
