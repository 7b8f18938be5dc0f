"""Test data of the investigation module, through its services as the application does."""

from investigation import services
from investigation.models import CasePerson, Phone
from tests.factories import user_with_role


def investigators(tree):
    """A regional investigator in Cusco and in Puno, a national one; the departments
    named as people read them."""
    for name in ("cusco", "puno"):
        unit = getattr(tree, f"{name}_department")
        unit.name = f"DEPINTRAP {name.capitalize()}"
        unit.save(update_fields=["name"])
    return (
        user_with_role("regional_investigator", tree.cusco_department, username="inv.cusco"),
        user_with_role("regional_investigator", tree.puno_department, username="inv.puno"),
        user_with_role("national_investigator", tree.divintrap, username="inv.nacional"),
    )


def open_case(user, title="Bar La Cabaña", **kwargs):
    return services.case_open(user=user, title=title, **kwargs)


def add_person(case, user, **fields):
    fields = {"role": CasePerson.Role.TRAFFICKER, "first_names": "", "last_names": "", **fields}
    return services.record_save(case=case, model=CasePerson, user=user, fields=fields)


def add_phone(case, user, number):
    return services.record_save(case=case, model=Phone, user=user, fields={"number": number})
