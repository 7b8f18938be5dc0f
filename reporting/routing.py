"""Which police unit is competent for facts in a place: used to route hotline complaints.

It is the unit that receives regional alerts (by default a directorate's specialized
department) for the department where the facts happened. A department without one of its
own (Madre de Dios hangs from Cusco) is served by the specialized unit of the directorate
its police region hangs from. All of it comes from the tree: no unit named in code.
"""

from datetime import date

from administration.models import Unit, valid_on


def competent_unit(department_code: str, on: date) -> Unit | None:
    receivers = Unit.objects.filter(valid_on(on), kind__receives_regional_alerts=True)
    own = receivers.filter(department_id=department_code).order_by("path").first()
    if own is not None:
        return own
    # Otherwise: the units of that department, walked up to a unit with a receiver below.
    for unit in Unit.objects.filter(valid_on(on), department_id=department_code).order_by("path"):
        ancestor = unit.parent
        while ancestor is not None:
            found = receivers.filter(parent=ancestor).order_by("path").first()
            if found is not None:
                return found
            ancestor = ancestor.parent
    return None
