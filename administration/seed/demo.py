"""Demo data: the 2011 structure of DOMAIN.md and one account per role.

For `make run` and demonstrations only: the passwords and second-factor keys below are
public, so `load_demo` refuses to run unless DEBUG is on.
"""

# The 22 territorial directorates of 2011: (code, city as the police name it, UBIGEO
# department). Each gets a specialized department and two stations.
DIRECTORATES = [
    ("LIMA", "Lima", "15"),
    ("CALLAO", "Callao", "07"),
    ("CHICLAYO", "Chiclayo", "14"),
    ("ICA", "Ica", "11"),
    ("IQUITOS", "Iquitos", "16"),
    ("PUCALLPA", "Pucallpa", "25"),
    ("HUANCAYO", "Huancayo", "12"),
    ("HUANUCO", "Huánuco", "10"),
    ("CUSCO", "Cusco", "08"),
    ("AYACUCHO", "Ayacucho", "05"),
    ("PUNO", "Puno", "21"),
    ("AREQUIPA", "Arequipa", "04"),
    ("TRUJILLO", "Trujillo", "13"),
    ("TARAPOTO", "Tarapoto", "22"),
    ("CAJAMARCA", "Cajamarca", "06"),
    ("TUMBES", "Tumbes", "24"),
    ("PIURA", "Piura", "20"),
    ("HUARAZ", "Huaraz", "02"),
    ("HUANCAVELICA", "Huancavelica", "09"),
    ("CERRO-DE-PASCO", "Cerro de Pasco", "19"),
    ("ABANCAY", "Abancay", "03"),
    ("TACNA", "Tacna", "23"),
]

# Police regions hanging under a directorate: (code, name, UBIGEO prefix of their area, a
# department or a province, parent directorate code).
POLICE_REGIONS = [
    ("MADRE-DE-DIOS", "Madre de Dios", "17", "CUSCO"),
    ("MOQUEGUA", "Moquegua", "18", "TACNA"),
    ("AMAZONAS", "Amazonas", "01", "CAJAMARCA"),
    ("CHIMBOTE", "Chimbote", "0218", "HUARAZ"),
]

DEMO_PASSWORD = "trata-no-es-trabajo-2026"  # noqa: S105 (public demo password)

# username, role, unit code, first name, last name, rank, hex TOTP key (or None)
ACCOUNTS = [
    ("oficial.cusco", "station_officer", "CPNP-080101", "Rosa", "Quispe Mamani", "SO2 PNP", None),
    ("operador.0800", "hotline_operator", "MININTER-SEC-DDHH", "Luis", "Ramírez Soto", "", None),
    (
        "investigador.cusco",
        "regional_investigator",
        "DEPINTRAP-CUSCO",
        "Julio",
        "Huamán Ccori",
        "SOT1 PNP",
        "3132333435363738393031323334353637383930",
    ),
    (
        "investigador.divintrap",
        "national_investigator",
        "DIVINTRAP",
        "Carmen",
        "Flores Vega",
        "Cap. PNP",
        "4142434445464748494a4b4c4d4e4f5051525354",
    ),
    (
        "admin.divintrap",
        "administrator",
        "DIVINTRAP",
        "Miguel",
        "Torres Paredes",
        "My. PNP",
        "6162636465666768696a6b6c6d6e6f7071727374",
    ),
    # Manages the users of the Cusco directorate's subtree only.
    (
        "admin.cusco",
        "regional_administrator",
        "DIRTEPOL-CUSCO",
        "Elena",
        "Mamani Ttito",
        "Cap. PNP",
        "7a797877767574737271706f6e6d6c6b6a696867",
    ),
    ("analista.secretaria", "analyst", "MININTER-SEC-DDHH", "Ana", "Castillo Ríos", "", None),
]

# Demo entries of the directory of the justice system (names in the official style; the
# addresses and phones of a real deployment are loaded by an administrator).
JUSTICE_OFFICES = [
    (
        "prosecutor",
        "Fiscalía Provincial Especializada en Delitos de Trata de Personas de Lima",
        "15",
        "150101",
    ),
    (
        "prosecutor",
        "Fiscalía Provincial Especializada en Delitos de Trata de Personas de Cusco",
        "08",
        "080101",
    ),
    (
        "prosecutor",
        "Fiscalía Provincial Especializada en Delitos de Trata de Personas de Puno",
        "21",
        "210101",
    ),
    (
        "prosecutor",
        "Fiscalía Provincial Especializada en Delitos de Trata de Personas de Madre de Dios",
        "17",
        "170101",
    ),
    ("prosecutor", "Fiscalía Provincial Penal Corporativa de Tumbes", "24", "240101"),
    ("court", "Juzgado de Investigación Preparatoria de Cusco", "08", "080101"),
    ("court", "Juzgado de Investigación Preparatoria de Tambopata", "17", "170101"),
    ("shelter", "Centro de Acogida Residencial para víctimas de trata — Lima", "15", "150101"),
    ("shelter", "Hogar de refugio temporal — Cusco", "08", "080101"),
    ("cem", "Centro Emergencia Mujer Cusco", "08", "080101"),
    ("cem", "Centro Emergencia Mujer Puno", "21", "210101"),
    ("cem", "Centro Emergencia Mujer Tambopata", "17", "170101"),
    ("child_protection", "Unidad de Protección Especial Cusco", "08", "080101"),
    ("child_protection", "Unidad de Protección Especial Lima", "15", "150101"),
]
