from .complaints import Complaint, ComplaintNumber, Correction, RowChange, Suspect, Victim
from .paper import PaperFormSeries

__all__ = [
    "Complaint",
    "ComplaintNumber",
    "Correction",
    "PaperFormSeries",
    "RowChange",
    "Suspect",
    "Victim",
]
