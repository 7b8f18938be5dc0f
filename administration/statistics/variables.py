"""The variables of the cross-tab builder and the standard tables: which fact column each
one reads, which measures have it, and the labels of its values.

Codes, never free text: a variable's values are codes (a department's UBIGEO code, a
unit's id, a purpose code), so the choices of a table fit in its URL with no personal
data in them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .bands import CTDC_BANDS, MINOR_ADULT_BANDS, UNKNOWN, UNKNOWN_LABEL

COMPLAINTS, VICTIMS, SUSPECTS = "complaints", "victims", "suspects"
MEASURES = {
    COMPLAINTS: _("complaints (cases)"),
    VICTIMS: _("victims"),
    SUSPECTS: _("alleged traffickers"),
}
ALL = (COMPLAINTS, VICTIMS, SUSPECTS)

NOT_RECORDED = pgettext_lazy("statistics value", "not recorded")


@dataclass(frozen=True)
class Variable:
    code: str
    label: str
    # A column of the fact tables; ``{basis}`` is "facts" or "registration".
    column: str
    measures: tuple[str, ...] = ALL
    # Fixed values (code, label) in their order; None: read from the data and the
    # reference tables (labels()).
    values: tuple[tuple[str, str], ...] | None = None
    # Show every value even when nothing was registered (a silent region is a finding).
    whole_domain: bool = False
    extra: dict = field(default_factory=dict)

    def sql(self, basis: str) -> str:
        return self.column.format(basis=basis)


PURPOSES = (
    ("explotacion_sexual", _("sexual exploitation")),
    ("explotacion_laboral", _("labour exploitation")),
    ("servidumbre", _("servitude")),
    ("esclavitud", _("slavery and similar practices")),
    ("mendicidad", _("forced begging")),
    ("venta_ninos", _("sale of children")),
    ("extraccion_organos", _("extraction of organs or tissues")),
    ("several", _("several purposes")),
    ("not_assigned", _("purpose not yet assigned")),
)
MEANS = (
    ("engano", _("deception (false job offer included)")),
    ("fraude", _("fraud")),
    ("violencia", _("violence")),
    ("amenaza", _("threat")),
    ("coaccion", _("other coercion")),
    ("privacion_libertad", _("deprivation of liberty")),
    ("abuso_poder", _("abuse of power")),
    ("abuso_vulnerabilidad", _("abuse of a position of vulnerability")),
    ("pagos_beneficios", _("payments or benefits")),
    ("several", _("several means")),
    ("not_recorded", NOT_RECORDED),
)
SEXES = (("F", _("female")), ("M", _("male")), ("X", NOT_RECORDED))
VERDICTS = (
    ("trafficking", _("possible trafficking")),
    ("related", _("related crime")),
    ("none", _("neither")),
    ("", NOT_RECORDED),
)
PRIORITIES = (
    ("urgent", _("urgent")),
    ("high", _("high")),
    ("normal", _("normal")),
    ("", NOT_RECORDED),
)
CHANNELS = (
    ("in_person", _("in person at the unit")),
    ("hotline", _("hotline 0800")),
    ("missing_person", _("missing-person report")),
    ("media", _("media report")),
    ("referral", _("referral from another institution")),
    ("ex_officio", _("ex officio (police action)")),
)
COMPLAINANTS = (
    ("victim", _("the victim")),
    ("family", _("a relative")),
    ("third_party", _("another person")),
    ("institution", _("an institution")),
    ("anonymous", _("anonymous")),
    ("police", _("the police itself")),
    ("", NOT_RECORDED),
)
NATIONALITIES = (
    ("PE", _("Peruvian")),
    ("VE", _("Venezuelan")),
    ("CO", _("Colombian")),
    ("EC", _("Ecuadorian")),
    ("BO", _("Bolivian")),
    ("CL", _("Chilean")),
    ("BR", _("Brazilian")),
    ("CN", _("Chinese")),
    ("XX", _("other")),
    ("", NOT_RECORDED),
)
YES_NO = (("true", _("yes")), ("false", _("no")))
MONTHS = tuple((str(m), str(m)) for m in range(1, 13))
AGE_BANDS = (*((b.code, b.label) for b in CTDC_BANDS), (UNKNOWN, UNKNOWN_LABEL))
MINOR_ADULT = (
    *((b.code, b.label) for b in MINOR_ADULT_BANDS),
    (UNKNOWN, UNKNOWN_LABEL),
)

FIXED = {
    v.code: v
    for v in (
        Variable("year", _("year"), "year_{basis}"),
        Variable("month", _("month"), "month_{basis}", values=MONTHS),
        Variable("department", _("department"), "department_id", whole_domain=True),
        Variable("province", _("province"), "province_id"),
        Variable(
            "origin",
            _("department where reported"),
            "unit_department_id",
            values=None,
        ),
        Variable("unit", _("unit"), "unit_id"),
        Variable("directorate", _("directorate"), "directorate_id", whole_domain=True),
        Variable("purpose", _("purpose"), "purpose", values=PURPOSES),
        Variable("verdict", _("verdict"), "verdict", values=VERDICTS),
        Variable("priority", _("priority"), "priority", values=PRIORITIES),
        Variable("recruitment", _("means of recruitment"), "recruitment", values=MEANS),
        Variable("complainant", _("who complained"), "complainant_kind", values=COMPLAINANTS),
        Variable("channel", _("how the complaint arrived"), "channel", values=CHANNELS),
        Variable(
            "paper",
            _("paper form"),
            "paper::text",
            values=(("true", _("paper form")), ("false", _("online"))),
        ),
        Variable("sex", _("sex"), "sex", measures=(VICTIMS, SUSPECTS), values=SEXES),
        Variable("age_band", _("age band"), "age_band", measures=(VICTIMS,), values=AGE_BANDS),
        Variable(
            "minor",
            _("children and teenagers / adults"),
            "CASE minor WHEN true THEN '0-17' WHEN false THEN '18+' ELSE 'unknown' END",
            measures=(VICTIMS,),
            values=MINOR_ADULT,
        ),
        Variable(
            "nationality",
            _("nationality"),
            "nationality",
            measures=(VICTIMS, SUSPECTS),
            values=NATIONALITIES,
        ),
        Variable(
            "identified",
            _("identified"),
            "identified::text",
            measures=(SUSPECTS,),
            values=YES_NO,
        ),
        Variable("detained", _("detained"), "detained::text", measures=(SUSPECTS,), values=YES_NO),
    )
}

# The custom variables administrators add (administration/custom_fields.py) join the fixed
# ones at each look-up, read from the database: a new one is offered at once, with no
# deploy and no migration; its values reach the fact tables at the next refresh. Only
# complaints' variables whose values are categories: yes/no and one of a list. Text, number
# and date variables are not cross-tab variables (free text may hold personal data and
# its values, like numbers and dates, are not a short list of categories to count by).
# Variables of a case file, a victim, a place… are not read on the complaints' facts.
CUSTOM_PREFIX = "cv_"
CUSTOM_TARGET = "complaint"
CROSSTAB_KINDS = ("yes_no", "choice")


def custom_variable(row) -> Variable:
    """The cross-tab variable of a CustomVariable row: code ``cv_<its code>`` (the code an
    administrator gave it, never a value), read from its key in the facts' JSON column."""
    pk = int(row.pk)  # an integer from the database, the only part of the row in the SQL
    if row.kind == "yes_no":
        values = (*YES_NO, ("", NOT_RECORDED))
    else:
        values = (
            *((code, _choice_label(row, code)) for code, _label in row.choices()),
            ("", NOT_RECORDED),
        )
    retired = row.retired_on is not None and row.retired_on <= _today()
    return Variable(
        f"{CUSTOM_PREFIX}{row.code}",
        lazy(lambda: row.label, str)(),
        f"coalesce(custom->>'{pk:d}', '')",
        measures=ALL,
        values=values,
        extra={"custom": True, "retired": retired},
    )


def _choice_label(row, code):
    # The option's label in the language active when it is shown, as the fixed ones.
    return lazy(lambda: dict(row.choices()).get(code, code), str)()


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _custom_rows(code: str | None = None):
    from administration.models import CustomVariable

    rows = CustomVariable.objects.filter(target=CUSTOM_TARGET, kind__in=CROSSTAB_KINDS)
    if code is not None:
        rows = rows.filter(code=code)
    # Retired variables stay: the complaints of their time keep their values.
    return rows.order_by("position", "code")


class Registry(Mapping):
    """Every variable by its code: the fixed ones, then the custom ones (read at each
    look-up, so every process, the export worker included, sees the same)."""

    def __init__(self, fixed: dict[str, Variable]):
        self.fixed = fixed

    def __getitem__(self, code) -> Variable:
        if code in self.fixed:
            return self.fixed[code]
        if isinstance(code, str) and code.startswith(CUSTOM_PREFIX):
            row = _custom_rows(code[len(CUSTOM_PREFIX) :]).first()
            if row is not None:
                return custom_variable(row)
        raise KeyError(code)

    def _all(self) -> dict[str, Variable]:
        custom = (custom_variable(row) for row in _custom_rows())
        return {**self.fixed, **{v.code: v for v in custom}}

    def __iter__(self):
        return iter(self._all())

    def __len__(self):
        return len(self._all())

    # One read of the custom variables for a whole listing (not one per key).
    def keys(self):
        return self._all().keys()

    def items(self):
        return self._all().items()

    def values(self):
        return self._all().values()


VARIABLES = Registry(FIXED)


def labels(variable: Variable, codes) -> dict[str, str]:
    """The label of each code of ``variable`` (reference tables for places and units)."""
    if variable.values is not None:
        return {code: str(label) for code, label in variable.values}
    codes = [c for c in codes if c not in ("", None)]
    if variable.code == "year":
        return {str(c): str(c) for c in codes}
    if variable.code in ("department", "origin"):
        from administration.models import Department

        return dict(Department.objects.values_list("code", "name"))
    if variable.code == "province":
        from administration.models import Province

        return dict(Province.objects.filter(code__in=codes).values_list("code", "name"))
    if variable.code in ("unit", "directorate"):
        from administration.models import Unit

        return {
            str(pk): short or name
            for pk, short, name in Unit.objects.filter(pk__in=codes).values_list(
                "pk", "short_name", "name"
            )
        }
    return {}


def domain(variable: Variable) -> list[str]:
    """Every value of a whole-domain variable, registered or not."""
    if variable.values is not None:
        return [code for code, _label in variable.values]
    if variable.code == "department":
        from administration.models import Department

        return list(Department.objects.order_by("code").values_list("code", flat=True))
    if variable.code == "directorate":
        from administration.models import Unit

        # The second level of the tree: what the facts call a directorate.
        roots = Unit.objects.filter(parent__isnull=True).values_list("pk", flat=True)
        return [
            str(pk)
            for pk in Unit.objects.filter(parent__in=list(roots), kind__receives_complaints=True)
            .order_by("name")
            .values_list("pk", flat=True)
        ]
    return []
