"""Custom variables: fields administrators add to complaints, case files and kinds of
record, without a programmer and without a migration (models/custom.py).

For other modules (the statistics cross-tab, exports, the investigation module):

    variables_for(target, on=None, include_retired=True) -> list[dict]
        The variables of ``target`` ("complaint", "case_file", "victim", …), each as
        {"code", "kind", "label", "label_es", "label_en", "help", "required",
         "options": [(code, label)], "active_from", "retired_on"}.
        ``on`` (a date) keeps those active that day; retired ones stay listed by default,
        because old records keep their values.

    values_for(target, object_ids) -> {object_id: {code: value}}
        The typed values (str, Decimal, date, bool; a list option's code) of those records.

    value_expression(code, outer="pk") -> a Subquery
        The value of one variable for each row of a queryset of the target's model, for
        ``annotate`` (a cross-tab groups on it): e.g.
        ``Complaint.objects.annotate(v=value_expression("zona_rural")).values("v")``.

Writes go through ``values_save`` (drafts, records not locked) or, for a sent complaint,
``complaint_values_correct`` (reporting's correction path: the database refuses anything
else, migration 0017).
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import formats, timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from reta.remembered import Remembered

from .audit import Action, audit_record
from .models import CustomValue, CustomVariable

Kind = CustomVariable.Kind
COLUMN = {
    Kind.TEXT: "text",
    Kind.CHOICE: "text",
    Kind.NUMBER: "number",
    Kind.DATE: "day",
    Kind.YES_NO: "flag",
}


def _as_dict(variable: CustomVariable) -> dict:
    return {
        "code": variable.code,
        "kind": variable.kind,
        "label": variable.label,
        "label_es": variable.label_es,
        "label_en": variable.label_en,
        "help": variable.help,
        "required": variable.required,
        "options": variable.choices(),
        "active_from": variable.active_from,
        "retired_on": variable.retired_on,
    }


def _variables(target: str, on: date | None = None, include_retired: bool = True):
    variables = CustomVariable.objects.filter(target=target)
    if on is not None:
        variables = variables.filter(active_from__lte=on)
        if not include_retired:
            variables = variables.filter(Q(retired_on__isnull=True) | Q(retired_on__gt=on))
    return variables.order_by("position", "code")


# The variables of each kind of record as its pages show them: defined by an
# administrator now and then, read on every complaint's and case's page (connected in
# apps.py).
SHOWN_VARIABLES = Remembered("custom-variables")


def _shown_variables(target: str) -> tuple[CustomVariable, ...]:
    """Every variable of ``target``, retired ones too, remembered: shared by the process's
    requests, so read them and never change them."""
    return SHOWN_VARIABLES.get(target, lambda: tuple(_variables(target)))


def connect_signals() -> None:
    SHOWN_VARIABLES.changes_with(CustomVariable)


def variables_for(target: str, on: date | None = None, include_retired: bool = True) -> list[dict]:
    return [_as_dict(v) for v in _variables(target, on, include_retired)]


def values_for(target: str, object_ids) -> dict[int, dict]:
    ids = list(object_ids)
    found: dict[int, dict] = {pk: {} for pk in ids}
    if not ids or not _shown_variables(target):
        # No variable for this kind of record (most have none): no value to read.
        return found
    rows = CustomValue.objects.filter(variable__target=target, object_id__in=ids).select_related(
        "variable"
    )
    for row in rows:
        found.setdefault(row.object_id, {})[row.variable.code] = row.value
    return found


def value_expression(code: str, outer: str = "pk") -> Subquery:
    variable = CustomVariable.objects.get(code=code)
    return Subquery(
        CustomValue.objects.filter(variable=variable, object_id=OuterRef(outer)).values(
            COLUMN[variable.kind]
        )[:1]
    )


def clean_value(variable: CustomVariable, raw):
    """The typed value of ``raw`` for ``variable``, None for empty, or a ValidationError
    with a message in the interface language. Pure: no database."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if variable.kind == Kind.TEXT:
        text = str(raw).strip()
        if len(text) > 500:
            raise ValidationError(_("At most 500 characters."))
        return text
    if variable.kind == Kind.NUMBER:
        if isinstance(raw, (int, Decimal)):
            return Decimal(raw)
        try:
            number = Decimal(str(raw).strip().replace(",", "."))
        except InvalidOperation:
            raise ValidationError(_("Type a number.")) from None
        if not number.is_finite() or abs(number) >= Decimal(10) ** 14:
            raise ValidationError(_("Type a number."))
        return number
    if variable.kind == Kind.DATE:
        if isinstance(raw, date):
            return raw
        text = str(raw).strip()
        day = parse_date(text) if "-" in text else None
        if day is None:
            try:
                day = forms.DateField().clean(text)
            except ValidationError:
                raise ValidationError(_("Type a date as dd/mm/yyyy.")) from None
        return day
    if variable.kind == Kind.YES_NO:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"1", "true", "si", "sí", "yes"}:
            return True
        if text in {"0", "false", "no"}:
            return False
        raise ValidationError(_("Answer yes or no."))
    codes = [code for code, _label in variable.choices()]
    if str(raw) not in codes:
        raise ValidationError(_("Choose one of the options."))
    return str(raw)


class CustomValuesForm(forms.Form):
    """The active variables of a target as form fields (prefix "cv"); a record that already
    has a value of a retired variable keeps showing it."""

    def __init__(self, *args, target: str | None, object_id=None, on=None, **kwargs):
        kwargs.setdefault("prefix", "cv")
        super().__init__(*args, **kwargs)
        on = on or timezone.localdate()
        if target is None:  # a record that takes no variables
            self.variables = []
            return
        current = values_for(target, [object_id])[object_id] if object_id else {}
        self.variables = [
            v
            for v in _shown_variables(target)
            if v.active_from <= on and (v.active_on(on) or v.code in current)
        ]
        for variable in self.variables:
            self.fields[variable.code] = _field(variable)
            if variable.code in current:
                self.initial[variable.code] = _initial(variable, current[variable.code])

    def values(self) -> dict:
        """The values that validated (a draft keeps them even if others did not)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {v.code: cleaned[v.code] for v in self.variables if v.code in cleaned}


def _initial(variable, value):
    if variable.kind == Kind.YES_NO:
        return "" if value is None else ("1" if value else "0")
    return value


def _field(variable: CustomVariable) -> forms.Field:
    common = {"label": variable.label, "help_text": variable.help, "required": variable.required}
    if variable.kind == Kind.NUMBER:
        return forms.DecimalField(max_digits=18, decimal_places=4, **common)
    if variable.kind == Kind.DATE:
        return forms.DateField(**common)
    if variable.kind == Kind.YES_NO:
        return forms.TypedChoiceField(
            choices=[("", "—"), ("1", _("yes")), ("0", _("no"))],
            coerce=lambda v: v == "1",
            empty_value=None,
            **common,
        )
    if variable.kind == Kind.CHOICE:
        return forms.ChoiceField(choices=[("", "—"), *variable.choices()], **common)
    return forms.CharField(max_length=500, **common)


def display(target: str, object_id: int, on=None) -> list[dict]:
    """Label and shown value of each variable the record has a value for, or that is
    active (then "—"), for a detail page."""
    current = values_for(target, [object_id])[object_id]
    on = on or timezone.localdate()
    return [
        {"label": v.label, "value": _shown(v, current.get(v.code)), "kind": v.kind}
        for v in _shown_variables(target)
        if v.code in current or v.active_on(on)
    ]


def display_many(target: str, object_ids) -> dict[int, str]:
    """For a list of records (a case's places, vehicles, routes), one line per record of
    the values it has: "Tipo de vehículo: combi; Rescatadas: 3" (two queries in all)."""
    ids = list(object_ids)
    if not ids:
        return {}
    current = values_for(target, ids)
    variables = [v for v in _shown_variables(target) if any(v.code in current[i] for i in ids)]
    lines = {}
    for object_id in ids:
        shown = []
        for variable in variables:
            if variable.code in current[object_id]:
                value = _shown(variable, current[object_id][variable.code])
                if variable.kind == Kind.DATE:
                    value = formats.date_format(value, "SHORT_DATE_FORMAT")
                shown.append(f"{variable.label}: {value}")
        lines[object_id] = "; ".join(shown)
    return lines


def _shown(variable: CustomVariable, value):
    if value is None:
        return None
    if variable.kind == Kind.NUMBER:
        return formats.number_format(
            value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
        )
    if variable.kind == Kind.YES_NO:
        return _("yes") if value else _("no")
    if variable.kind == Kind.CHOICE:
        return dict(variable.choices()).get(value, value)
    return value


def _write(variables: dict, object_id: int, values: dict, reason: str = "") -> list[str]:
    changed = []
    for code, raw in values.items():
        variable = variables[code]
        value = clean_value(variable, raw)
        row = CustomValue.objects.filter(variable=variable, object_id=object_id).first()
        if row is None and value is None:
            continue
        if row is not None and row.value == value:
            continue
        row = row or CustomValue(variable=variable, object_id=object_id)
        for column in ("text", "number", "day", "flag"):
            setattr(row, column, "" if column == "text" else None)
        setattr(
            row,
            COLUMN[variable.kind],
            ""
            if value is None
            and variable.kind
            in (
                Kind.TEXT,
                Kind.CHOICE,
            )
            else value,
        )
        row._change_reason = reason
        row.save()
        changed.append(code)
    return changed


@transaction.atomic
def values_save(*, target: str, object_id: int, values: dict, by, request=None) -> list[str]:
    """Store the values of one record not locked (a draft, a case file's record)."""
    if not values:
        return []
    variables = {v.code: v for v in CustomVariable.objects.filter(target=target)}
    unknown = set(values) - set(variables)
    if unknown:
        raise ValidationError(_("Unknown variable."))
    changed = _write(variables, object_id, values)
    if changed:
        audit_record(
            action=Action.CHANGE,
            user=by,
            request=request,
            object_type=f"custom.{target}",
            object_id=object_id,
            detail=f"custom variables: {','.join(changed)}",
        )
    return changed


@transaction.atomic
def complaint_values_correct(*, complaint_id: int, values: dict, reason: str, by, request=None):
    """A value added to or changed on a sent complaint: reporting's correction (with its
    reason, signed, audited) opens the lock for this transaction only."""
    from reporting.models import Complaint
    from reporting.services import ComplaintInput, complaint_correct

    complaint = Complaint.objects.get(pk=complaint_id)
    complaint_correct(
        complaint_id=complaint_id,
        by=by,
        reason=reason,
        request=request,
        data=ComplaintInput(
            fields={},
            victims=[{"id": pk} for pk in complaint.victims.values_list("pk", flat=True)],
            suspects=[{"id": pk} for pk in complaint.suspects.values_list("pk", flat=True)],
        ),
    )
    return values_save_in_correction(
        target="complaint", object_id=complaint_id, values=values, reason=reason
    )


def values_save_in_correction(*, target: str, object_id: int, values: dict, reason: str):
    """Inside the transaction of reporting's complaint_correct only (the database refuses
    a sent complaint's values anywhere else); each value's history keeps the reason."""
    if not values:
        return []
    variables = {v.code: v for v in CustomVariable.objects.filter(target=target)}
    return _write(variables, object_id, values, reason=reason.strip())


def corrected_values(complaint_id: int, reason: str) -> list[dict]:
    """The custom values a correction changed, before and after, as the corrections list
    shows each change."""
    records = CustomValue.history.filter(
        object_id=complaint_id,
        variable__target="complaint",
        history_change_reason=reason.strip(),
    ).select_related("variable")
    entries = []
    for record in records:
        previous = record.prev_record
        entries.append(
            {
                "what": record.variable.label,
                "changes": [
                    {
                        "field": record.variable.label,
                        "old": _historic_value(previous),
                        "new": _historic_value(record),
                    }
                ],
            }
        )
    return entries


def _historic_value(record):
    if record is None:
        return None
    column = COLUMN[record.variable.kind]
    value = getattr(record, column)
    if record.variable.kind == Kind.YES_NO and value is not None:
        return _("yes") if value else _("no")
    return None if value == "" else value


# --- Administrators' definitions ---------------------------------------------------------


@transaction.atomic
def variable_save(*, variable: CustomVariable, by, request=None) -> CustomVariable:
    creating = variable.pk is None
    if not creating and variable.values.exists():
        before = CustomVariable.objects.get(pk=variable.pk)
        if (before.kind, before.target) != (variable.kind, variable.target):
            raise ValidationError(
                _("Values were recorded already: the type and what it is for cannot change.")
            )
    variable.save()
    audit_record(
        action=Action.CREATE if creating else Action.CHANGE,
        user=by,
        request=request,
        obj=variable,
        detail=variable.code,
    )
    return variable


@transaction.atomic
def variable_retire_or_delete(*, variable: CustomVariable, on: date, by, request=None) -> str:
    """A variable never used is deleted; one with values is retired from ``on`` and its
    values stay with the old records."""
    if not variable.values.exists():
        code = variable.code
        audit_record(
            action=Action.CHANGE, user=by, request=request, obj=variable, detail=f"deleted {code}"
        )
        variable.delete()
        return "deleted"
    variable.retired_on = max(on, variable.active_from)
    variable.save(update_fields=["retired_on"])
    audit_record(action=Action.CHANGE, user=by, request=request, obj=variable, detail="retired")
    return "retired"
