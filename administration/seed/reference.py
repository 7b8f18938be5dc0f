"""Unit kinds and roles RETA starts with. Data: an administrator changes them later."""

# Which kinds receive complaints (all but the institution's root and the Ministry's
# secretariat) is set by migration 0007.
UNIT_KINDS = [
    # code, Spanish, English, sees the whole country, receives regional alerts
    ("institucion", "Institución", "Institution", False, False),
    ("direccion_nacional", "Dirección nacional", "National directorate", False, False),
    ("division_nacional", "División nacional", "National division", True, False),
    ("dirtepol", "Dirección territorial", "Territorial directorate", False, False),
    (
        "departamento_especializado",
        "Departamento especializado",
        "Specialized department",
        False,
        True,
    ),
    ("region_policial", "Región policial", "Police region", False, False),
    ("comisaria", "Comisaría", "Police station", False, False),
    ("secretaria", "Secretaría del Ministerio", "Ministry secretariat", False, False),
]

# Issuing the documents of the preliminary investigation (a warrant request to the
# prosecutor...) belongs to the roles that work the case, never to the hotline or analysts.
CAPABILITIES = {
    "station_officer": ["register_complaint", "issue_documents"],
    "hotline_operator": ["register_hotline_complaint"],
    "regional_investigator": ["register_complaint", "work_cases", "issue_documents"],
    "national_investigator": [
        "register_complaint",
        "register_for_other_units",
        "work_cases",
        "view_statistics",
        "issue_documents",
    ],
    "administrator": [
        "correct_records",
        "manage_users",
        "view_audit",
        "view_statistics",
        "receive_escalations",
    ],
    "analyst": ["view_statistics"],
}

ROLES = [
    # code, Spanish, English, scope, sees personal data
    ("station_officer", "Efectivo de comisaría", "Station officer", "unit", True),
    ("hotline_operator", "Operador(a) de la línea 0800", "Hotline operator", "unit", True),
    ("regional_investigator", "Investigador(a) regional", "Regional investigator", "unit", True),
    (
        "national_investigator",
        "Investigador(a) nacional",
        "National investigator",
        "national",
        True,
    ),
    ("administrator", "Administrador(a)", "Administrator", "national", True),
    ("analyst", "Analista de la Secretaría", "Secretariat analyst", "national", False),
]

# Administrators also keep the reference tables through the Django admin.
ADMIN_MODEL_PERMISSIONS = [
    f"{action}_{model}"
    for model in (
        "user",
        "unit",
        "unitkind",
        "role",
        "legalelement",
        "law",
        "elementarticle",
        "department",
        "province",
        "district",
        "justiceoffice",
        "informationinstitution",
        "officialyearname",
        "phoneoperator",
    )
    for action in ("add", "change", "view")
] + ["view_auditevent", "view_unitassignment"]

# The telephone companies a number may belong to (an administrator adds the others).
PHONE_OPERATORS = [
    ("claro", "Claro"),
    ("movistar", "Movistar"),
    ("entel", "Entel"),
    ("bitel", "Bitel"),
]
