from .complaints import Complaint, ComplaintNumber, Correction, RowChange, Suspect, Victim
from .documents import DocumentCounter, DocumentKind, IssuedDocument
from .paper import PaperFormSeries

__all__ = [
    "Complaint",
    "ComplaintNumber",
    "Correction",
    "DocumentCounter",
    "DocumentKind",
    "IssuedDocument",
    "PaperFormSeries",
    "RowChange",
    "Suspect",
    "Victim",
]
