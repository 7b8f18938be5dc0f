"""Load the unit kinds, the roles with their permissions and the legal catalogue."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from administration.seed import legal_catalogue, reference


def load(apps, schema_editor):
    app_config = apps.get_app_config("administration")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    UnitKind = apps.get_model("administration", "UnitKind")
    for code, name_es, name_en, national, alerts in reference.UNIT_KINDS:
        UnitKind.objects.create(
            code=code,
            name_es=name_es,
            name_en=name_en,
            national_scope=national,
            receives_regional_alerts=alerts,
        )

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Role = apps.get_model("administration", "Role")
    own = Permission.objects.filter(content_type__app_label="administration")
    for code, name_es, name_en, scope, personal in reference.ROLES:
        group = Group.objects.create(name=name_es)
        codenames = list(reference.CAPABILITIES[code])
        if code == "administrator":
            codenames += reference.ADMIN_MODEL_PERMISSIONS
        group.permissions.set(own.filter(codename__in=codenames))
        Role.objects.create(
            code=code,
            name_es=name_es,
            name_en=name_en,
            group=group,
            scope=scope,
            sees_personal_data=personal,
        )

    LegalElement = apps.get_model("administration", "LegalElement")
    for position, element in enumerate(legal_catalogue.ELEMENTS):
        LegalElement.objects.create(position=position, **element)
    Law = apps.get_model("administration", "Law")
    laws = {law["code"]: Law.objects.create(**law) for law in legal_catalogue.LAWS}
    ElementArticle = apps.get_model("administration", "ElementArticle")
    # The seed grows columns later migrations add (degree): keep those this state has.
    columns = {field.name for field in ElementArticle._meta.get_fields()}
    ElementArticle.objects.bulk_create(
        ElementArticle(**{k: v for k, v in {**row, "law": laws[row["law"]]}.items() if k in columns})
        for row in legal_catalogue.ARTICLES
    )


def unload(apps, schema_editor):
    for model in ("ElementArticle", "Law", "LegalElement", "Role", "UnitKind"):
        apps.get_model("administration", model).objects.all().delete()
    apps.get_model("auth", "Group").objects.filter(
        name__in=[name_es for _code, name_es, *_rest in reference.ROLES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("administration", "0002_audit_append_only"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(load, unload)]
