"""Reference data and people: the tree of command, geography, users and roles, the legal
catalogue and the audit log."""

from .audit import AuditEvent, SignedRow, TableChange
from .custom import CustomValue, CustomVariable
from .directory import InformationInstitution, JusticeOffice
from .geography import Department, District, Province
from .legal import ElementArticle, Law, LegalElement
from .people import Role, UnitAssignment, User
from .reference import OfficialYearName, PhoneOperator
from .rotation import Rotation, RotationItem
from .units import Unit, UnitKind, valid_on

__all__ = [
    "AuditEvent",
    "CustomValue",
    "CustomVariable",
    "Department",
    "District",
    "ElementArticle",
    "InformationInstitution",
    "JusticeOffice",
    "Law",
    "LegalElement",
    "OfficialYearName",
    "PhoneOperator",
    "Province",
    "Role",
    "Rotation",
    "RotationItem",
    "SignedRow",
    "TableChange",
    "Unit",
    "UnitAssignment",
    "UnitKind",
    "User",
    "valid_on",
]
