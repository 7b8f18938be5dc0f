from django.db import models
from django.utils.translation import gettext_lazy as _

# Names as written (Áncash, Ñuñoa) sort as in a Spanish dictionary, not by code point, on
# any server locale (the private cluster's is C.UTF-8).
SPANISH = "es-x-icu"


class Department(models.Model):
    """A departamento, keyed by its INEI UBIGEO code (2 digits)."""

    code = models.CharField(_("UBIGEO code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=60, db_collation=SPANISH)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name


class Province(models.Model):
    code = models.CharField(_("UBIGEO code"), max_length=4, primary_key=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="provinces")
    name = models.CharField(_("name"), max_length=60, db_collation=SPANISH)

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class District(models.Model):
    code = models.CharField(_("UBIGEO code"), max_length=6, primary_key=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts")
    name = models.CharField(_("name"), max_length=80, db_collation=SPANISH)

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name

    @property
    def department_code(self) -> str:
        return self.code[:2]
