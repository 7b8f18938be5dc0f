"""PDF documents of the preliminary investigation, rendered by WeasyPrint from templates:
A4, black and white, in the official style with the unit's heading."""

from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject
from weasyprint import HTML

from administration.catalogue import articles_in_force, element_labels, elements_by_group
from administration.models import LegalElement, OfficialYearName

from .models import DocumentKind

TEMPLATES = {
    DocumentKind.RECORD: "documents/acta.html",
    DocumentKind.PROSECUTOR: "documents/fiscalia.html",
    DocumentKind.MEDICAL: "documents/medico.html",
    DocumentKind.WARRANT: "documents/allanamiento.html",
    DocumentKind.INFORMATION: "documents/informacion.html",
}
BASE_URL = str(Path(settings.BASE_DIR) / "static")


def initials(full_name: str) -> str:
    """'María Huamaní Quispe' -> 'M. H. Q.': how an outside institution reads a victim."""
    return " ".join(f"{part[0].upper()}." for part in full_name.split() if part)


def heading_lines(unit) -> list[str]:
    """The unit's chain of command as a document heading, top down (without the root)."""
    chain = []
    while unit is not None:
        chain.append(unit.name.upper())
        unit = unit.parent
    return list(reversed(chain[:-1] or chain))


def place_and_date(unit, when) -> str:
    place = (
        unit.district.name
        if unit.district_id
        else (unit.department.name if unit.department_id else "Lima")
    )
    return f"{place}, {date_format(when, 'DATE_FORMAT')}"


def render_pdf(template: str, context: dict) -> bytes:
    with translation.override("es-pe"):
        html = render_to_string(template, context)
    return HTML(string=html, base_url=BASE_URL).write_pdf()


def document_pdf(document) -> bytes:
    complaint = document.complaint
    issued = timezone.localtime(document.issued_at)
    victims = list(complaint.victims.all())
    outside = document.kind in (DocumentKind.INFORMATION, DocumentKind.WARRANT)
    shown = [
        {
            "victim": v,
            "name": initials(v.full_name)
            if outside and document.victim_initials_only
            else (v.full_name or "no identificada"),
        }
        for v in victims
    ]
    labels = element_labels(spanish=True)
    verdict = complaint.verdict_detail or {}
    context = {
        "document": document,
        "complaint": complaint,
        "unit": document.unit,
        "heading": heading_lines(document.unit),
        "year_name": OfficialYearName.for_year(issued.year),
        "place_date": place_and_date(document.unit, issued),
        "victims": shown,
        "suspects": list(complaint.suspects.select_related("phone_operator")),
        "verdict": verdict,
        "exploitation": [labels.get(c, c) for c in verdict.get("exploitation", [])],
        "elements": {
            group: [labels.get(c, c) for c in getattr(complaint, group)]
            for group in ("acts", "means", "purposes", "related")
        }
        # The aggravations as judged when sent, those worked out from the victims included.
        | {"aggravating": [labels.get(c, c) for c in verdict.get("aggravating", [])]},
        "officer": document.issued_by,
    }
    return render_pdf(TEMPLATES[document.kind], context)


def blank_form_pdf(series, unit) -> bytes:
    """The printable one-page complaint form of a series, one numbered page per form."""
    today = timezone.localdate()
    in_force = articles_in_force(today)
    groups = [
        {
            "label": label,
            "elements": [
                {"element": e, "ref": in_force.get(e.code)}
                for e in elements_by_group()[code]
                if not e.derived
            ],
        }
        for code, label in LegalElement.GROUPS
    ]
    blank = render_pdf(
        "documents/paper_form.html",
        {
            "unit": unit,
            "heading": heading_lines(unit),
            "groups": groups,
            "series": series,
            "year_name": OfficialYearName.for_year(today.year),
        },
    )
    numbers = render_pdf(
        "documents/paper_form_numbers.html",
        {"series": series, "numbers": range(series.first_number, series.last_number + 1)},
    )
    # Lay the form out once, keep it as one shared Form XObject, and draw it under each
    # number: 500 forms take seconds and the file stays small.
    form_page = PdfReader(BytesIO(blank)).pages[0]
    writer = PdfWriter()
    form = DecodedStreamObject()
    form.set_data(form_page.get_contents().get_data())
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(form_page.mediabox),
            NameObject("/Resources"): form_page["/Resources"].clone(writer),
        }
    )
    form_ref = writer._add_object(form)  # pypdf 7 names this only privately
    for stamp in PdfReader(BytesIO(numbers)).pages:
        page = writer.add_page(stamp)
        resources = page[NameObject("/Resources")].get_object()
        xobjects = resources.setdefault(NameObject("/XObject"), DictionaryObject())
        xobjects.get_object()[NameObject("/RetaForm")] = form_ref
        content = DecodedStreamObject()
        content.set_data(b"q /RetaForm Do Q\n" + page.get_contents().get_data())
        page.replace_contents(content)
    output = BytesIO()
    writer.write(output)
    return output.getvalue()
