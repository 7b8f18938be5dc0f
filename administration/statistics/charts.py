"""Charts drawn on the server as SVG: no script, no CDN; readable printed in black and
white (each series has its own hatching, not only its own colour); the table beside it is
the text alternative, and the SVG says so in its <title>/<desc>."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .crosstab import Layout

# Hatchings, then greys: distinguishable on a black-and-white printout.
PATTERNS = (
    ('<path d="M0 0L8 8" stroke="#000" stroke-width="1.2"/>', "#fff"),
    ('<circle cx="4" cy="4" r="1.6" fill="#000"/>', "#fff"),
    ('<path d="M0 4H8" stroke="#000" stroke-width="1.2"/>', "#fff"),
    ('<path d="M4 0V8" stroke="#000" stroke-width="1.2"/>', "#fff"),
    ("", "#333"),
    ("", "#999"),
    ('<path d="M0 8L8 0" stroke="#000" stroke-width="1.2"/>', "#ddd"),
    ('<path d="M0 0L8 8M0 8L8 0" stroke="#000" stroke-width="1"/>', "#fff"),
)
MAX_BARS_ROWS = 30
MAX_SERIES = len(PATTERNS)


def _defs(prefix: str, count: int) -> str:
    parts = []
    for n in range(count):
        shape, fill = PATTERNS[n % len(PATTERNS)]
        parts.append(
            f'<pattern id="{prefix}{n}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="{fill}"/>{shape}</pattern>'
        )
    return "<defs>" + "".join(parts) + "</defs>"


def bar_chart(table: Layout, *, described_by: str = "") -> SafeString:
    """Horizontal bars, one group per row of the table (totals left out), one bar per
    column; a hidden count ("<k") is drawn as an empty outline with its label."""
    rows = table.rows[:-1][:MAX_BARS_ROWS]
    series = table.column_labels[:-1] if len(table.column_labels) > 2 else table.column_labels[:1]
    series = series[:MAX_SERIES]
    values = [cell.value or 0 for _labels, cells in rows for cell in cells[: len(series)]]
    top = max(values, default=0) or 1
    bar_h, gap, label_w, width = 12, 8, 200, 720
    plot_w = width - label_w - 70
    legend_h = 18 * ((len(series) + 2) // 3) if len(series) > 1 else 0
    group_h = bar_h * len(series) + gap
    height = legend_h + group_h * len(rows) + 30
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="chart-title chart-desc"'
        + (f' aria-describedby="{escape(described_by)}"' if described_by else "")
        + ">",
        f'<title id="chart-title">{escape(table.title)}</title>',
        '<desc id="chart-desc">'
        + escape(_("Bar chart of the table below; the table holds the same figures as text."))
        + "</desc>",
        _defs("p", len(series)),
    ]
    if len(series) > 1:
        for n, name in enumerate(series):
            x, y = 10 + (n % 3) * 240, 4 + (n // 3) * 18
            out.append(
                f'<rect x="{x}" y="{y}" width="14" height="12" fill="url(#p{n})" stroke="#000"/>'
                f'<text x="{x + 20}" y="{y + 11}" font-size="12">{escape(name[:32])}</text>'
            )
    y = legend_h + 10
    for labels_, cells in rows:
        name = " · ".join(label for label in labels_ if label)[:34]
        out.append(
            f'<text x="{label_w - 6}" y="{y + group_h / 2}" font-size="12" '
            f'text-anchor="end">{escape(name)}</text>'
        )
        for n, cell in enumerate(cells[: len(series)]):
            length = 0 if cell.value is None else plot_w * cell.value / top
            by = y + n * bar_h
            if cell.value is None:
                out.append(
                    f'<rect x="{label_w}" y="{by}" width="14" height="{bar_h - 2}" fill="none" '
                    f'stroke="#000" stroke-dasharray="2 2"/>'
                )
                length = 14
            elif length:
                out.append(
                    f'<rect x="{label_w}" y="{by}" width="{length:.1f}" height="{bar_h - 2}" '
                    f'fill="url(#p{n})" stroke="#000" stroke-width="0.6"/>'
                )
            out.append(
                f'<text x="{label_w + length + 4:.1f}" y="{by + bar_h - 3}" font-size="10">'
                f"{escape(cell.label)}</text>"
            )
        y += group_h
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 (every text above is escaped)


@functools.cache
def department_places() -> dict[str, tuple[float, float, str]]:
    """(longitude, latitude, capital) of each department's capital, from the UBIGEO data."""
    path = Path(settings.BASE_DIR) / "fixtures" / "ubigeo" / "ubigeo_departamento.csv"
    places = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            places[row["inei"][:2]] = (
                float(row["longitude"]),
                float(row["latitude"]),
                row["departamento"].title(),
            )
    return places


def flow_map(flows: list[tuple[str, str, int | None, str]], *, k: int = 0) -> SafeString:
    """Peru's departments as points at their capitals (a schematic map) and an arrow for
    each route, as thick as its count: (origin code, destination code, count or None when
    hidden, label)."""
    places = department_places()
    width, height = 460, 620
    west, east, north, south = -81.5, -68.5, 0.0, -18.5

    def xy(code):
        lon, lat, _name = places[code]
        return (
            20 + (lon - west) / (east - west) * (width - 40),
            20 + (north - lat) / (north - south) * (height - 40),
        )

    top = max((v or 0 for *_r, v, _l in flows), default=0) or 1
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart map" viewBox="0 0 {width} '
            f'{height}" width="100%" role="img" aria-labelledby="map-title map-desc">'
        ),
        f'<title id="map-title">{escape(_("Routes between departments"))}</title>',
        '<desc id="map-desc">'
        + escape(
            _(
                "Schematic map: each department is a point at its capital; each arrow is a "
                "route, thicker for more cases. The routes table holds the same figures."
            )
        )
        + "</desc>",
        (
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
            'markerHeight="6" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" '
            'fill="#000"/></marker></defs>'
        ),
    ]
    for origin, destination, value, label in flows:
        if origin not in places or destination not in places:
            continue
        (x1, y1), (x2, y2) = xy(origin), xy(destination)
        stroke = 1 + 7 * (value or 0) / top
        dash = ' stroke-dasharray="4 3"' if value is None else ""
        if origin == destination:
            out.append(
                f'<circle cx="{x1:.1f}" cy="{y1 - 9:.1f}" r="8" fill="none" stroke="#000" '
                f'stroke-width="{stroke:.1f}"{dash}><title>{escape(label)}</title></circle>'
            )
            continue
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#000" '
            f'stroke-opacity="0.7" stroke-width="{stroke:.1f}" marker-end="url(#arrow)"{dash}>'
            f"<title>{escape(label)}</title></line>"
        )
    for code, (_lon, _lat, name) in sorted(places.items()):
        x, y = xy(code)
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#fff" stroke="#000"/>'
            f'<text x="{x + 6:.1f}" y="{y + 4:.1f}" font-size="10">{escape(name)}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 (every text above is escaped)
