"""The legal catalogue as the rest of RETA reads it: which article applies on a date."""

from datetime import date

from reporting.rules import ArticleRef, law_in_force_from_rows

from .models import ElementArticle, Law, LegalElement


def articles_in_force(on: date) -> dict[str, ArticleRef]:
    """Element code -> the Penal Code article and law in force on ``on``.

    Also answers for trafficking itself (codes ``trata`` and ``trata_agravada``)."""
    rows = ElementArticle.objects.filter(valid_from__lte=on).values(
        "element", "article", "law_id", "valid_from", "valid_to", "degree"
    )
    laws = [{"code": law.pk, "name": law.name} for law in Law.objects.all()]
    return law_in_force_from_rows(({**row, "law": row["law_id"]} for row in rows), laws, on)


def article_for(element: str, on: date) -> ArticleRef | None:
    """Which article applies on date ``on`` for element ``element`` (None: no article)."""
    return articles_in_force(on).get(element)


def elements_by_group() -> dict[str, list[LegalElement]]:
    grouped: dict[str, list[LegalElement]] = {code: [] for code, _label in LegalElement.GROUPS}
    for element in LegalElement.objects.all():
        grouped[element.group].append(element)
    return grouped


def article_periods() -> dict[str, list[tuple[str, str, ArticleRef]]]:
    """Element code -> [(valid from, valid to, article)] with ISO dates ("" when open),
    so a page can show the article for any date typed without asking the server."""
    periods: dict[str, list[tuple[str, str, ArticleRef]]] = {}
    for row in ElementArticle.objects.select_related("law").order_by("valid_from"):
        periods.setdefault(row.element, []).append(
            (
                row.valid_from.isoformat(),
                row.valid_to.isoformat() if row.valid_to else "",
                ArticleRef(article=row.article, law=row.law.name, degree=row.degree),
            )
        )
    return periods


def element_labels(spanish: bool = False) -> dict[str, str]:
    """Element code -> label, in the active language (or in Spanish, for documents)."""
    return {e.code: e.label_es if spanish else e.label for e in LegalElement.objects.all()}


def tickable_elements(group: str) -> list[LegalElement]:
    """The boxes of a group an officer ticks, in form order (derived ones are computed)."""
    return list(LegalElement.objects.filter(group=group, derived=False).order_by("position"))


def derived_elements(group: str) -> list[LegalElement]:
    """The elements of a group worked out from the victims, never ticked."""
    return list(LegalElement.objects.filter(group=group, derived=True).order_by("position"))
