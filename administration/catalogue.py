"""The legal catalogue as the rest of RETA reads it: which article applies on a date.

The catalogue changes a few times a year and every complaint form shows all of it, so its
elements and periods are kept in each process (reta/remembered.py). Saving or deleting an
element, a law or an article (the admin), or a migration, gives the catalogue a new
version: every process reads it afresh within seconds. A change made without the ORM's
signals (``QuerySet.update``, SQL) is not seen until the next one: the catalogue is
changed through the admin.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models.signals import post_delete, post_migrate, post_save

from reporting.rules import ArticleRef, law_in_force_from_rows
from reta.remembered import Remembered

from .models import ElementArticle, Law, LegalElement


def articles_in_force(on: date) -> dict[str, ArticleRef]:
    """Element code -> the Penal Code article and law in force on ``on``.

    Also answers for trafficking itself (codes ``trata`` and ``trata_agravada``). Read
    from the database every time: the classifier judges by the catalogue as committed."""
    rows = ElementArticle.objects.filter(valid_from__lte=on).values(
        "element", "article", "law_id", "valid_from", "valid_to", "degree"
    )
    laws = [{"code": law.pk, "name": law.name} for law in Law.objects.all()]
    return law_in_force_from_rows(({**row, "law": row["law_id"]} for row in rows), laws, on)


def article_for(element: str, on: date) -> ArticleRef | None:
    """Which article applies on date ``on`` for element ``element`` (None: no article)."""
    return articles_in_force(on).get(element)


# --- The remembered catalogue ----------------------------------------------------------

CATALOGUE = Remembered("catalogue")


@dataclass(frozen=True)
class Snapshot:
    elements: tuple  # every LegalElement, by group and position
    periods: dict  # element code -> [(valid from, valid to, ArticleRef)], ISO dates
    changes: tuple  # the days the articles in force change, ascending


def remembered(key, build):
    """``build()``, built once per version of the catalogue in this process."""
    return CATALOGUE.get(key, build)


def connect_signals(app_config):
    for model in (LegalElement, Law, ElementArticle):
        for signal in (post_save, post_delete):
            signal.connect(CATALOGUE.changed, sender=model, dispatch_uid=f"catalogue-{model}")
    post_migrate.connect(CATALOGUE.changed, sender=app_config, dispatch_uid="catalogue")


def snapshot() -> Snapshot:
    return remembered("snapshot", _read_snapshot)


def _read_snapshot() -> Snapshot:
    periods: dict[str, list[tuple[str, str, ArticleRef]]] = {}
    changes = set()
    for row in ElementArticle.objects.select_related("law").order_by("valid_from"):
        periods.setdefault(row.element, []).append(
            (
                row.valid_from.isoformat(),
                row.valid_to.isoformat() if row.valid_to else "",
                ArticleRef(article=row.article, law=row.law.name, degree=row.degree),
            )
        )
        changes.add(row.valid_from)
        if row.valid_to and row.valid_to < date.max:
            changes.add(row.valid_to + timedelta(days=1))
    return Snapshot(
        elements=tuple(LegalElement.objects.order_by("group", "position", "pk")),
        periods=periods,
        changes=tuple(sorted(changes)),
    )


def period_of(on: date) -> date:
    """The first day of the period of ``on``: the same articles are in force on every day
    of it (date.min before the first law)."""
    first = date.min
    for day in snapshot().changes:
        if day > on:
            break
        first = day
    return first


def elements_by_group() -> dict[str, list[LegalElement]]:
    grouped: dict[str, list[LegalElement]] = {code: [] for code, _label in LegalElement.GROUPS}
    for element in snapshot().elements:
        grouped[element.group].append(element)
    return grouped


def article_periods() -> dict[str, list[tuple[str, str, ArticleRef]]]:
    """Element code -> [(valid from, valid to, article)] with ISO dates ("" when open),
    so a page can show the article for any date typed without asking the server."""
    return snapshot().periods


def element_labels(spanish: bool = False) -> dict[str, str]:
    """Element code -> label, in the active language (or in Spanish, for documents)."""
    return {e.code: e.label_es if spanish else e.label for e in snapshot().elements}


def tickable_elements(group: str) -> list[LegalElement]:
    """The boxes of a group an officer ticks, in form order (derived ones are computed)."""
    return [e for e in elements_by_group()[group] if not e.derived]


def derived_elements(group: str) -> list[LegalElement]:
    """The elements of a group worked out from the victims, never ticked."""
    return [e for e in elements_by_group()[group] if e.derived]
