"""RETA settings, read from the environment.

Every variable the project reads is listed in ENVIRONMENT_VARIABLES (and in the README).
Defaults are the safe production ones: DEBUG off, HTTPS on, nothing secret committed.
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

ENVIRONMENT_VARIABLES = (
    "DATABASE_URL",
    "DATABASE_OWNER_URL",
    "DATABASE_APP_ROLE",
    "REDIS_URL",
    "SECRET_KEY",
    "AUDIT_SIGNING_KEY",
    "AUDIT_HEAD_FILE",
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "RETA_HTTPS",
    "SITE_URL",
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "DEFAULT_FROM_EMAIL",
    "EMAIL_FILE_PATH",
    "OTP_REQUIRED_ROLES",
    "LOG_LEVEL",
    "DORMANT_ACCOUNT_DAYS",
)


def env(name: str, default: str = "") -> str:
    if name not in ENVIRONMENT_VARIABLES:
        raise KeyError(f"{name} must be listed in ENVIRONMENT_VARIABLES (and the README)")
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Commands that never sign anything (no session, cookie or token) run without a key, so a
# checkout can be checked (`manage.py makemigrations --check`) before it is configured.
KEYLESS_COMMANDS = {
    "makemigrations",
    "compilemessages",
    "makemessages",
    "collectstatic",
    "classify",
}


def keyless_command() -> bool:
    return (
        len(sys.argv) > 1
        and Path(sys.argv[0]).name == "manage.py"
        and sys.argv[1] in KEYLESS_COMMANDS
    )


SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or keyless_command()):
        # manage.py prints this as one line (reta/cli.py).
        raise ImproperlyConfigured(
            "SECRET_KEY must be set (DEBUG is off): export SECRET_KEY=... "
            "(make run and make test set one)."
        )
    # A throwaway key: nothing signed with it outlives the process.
    SECRET_KEY = secrets.token_urlsafe(50)

# The key that signs the audit chain, corrections and history (administration/integrity.py).
# Its own variable, never SECRET_KEY and never stored in the database: someone who holds
# the database's password alone cannot sign a forged row.
AUDIT_SIGNING_KEY = env("AUDIT_SIGNING_KEY")
if not AUDIT_SIGNING_KEY and not (DEBUG or keyless_command()):
    raise ImproperlyConfigured(
        "AUDIT_SIGNING_KEY must be set (DEBUG is off): export AUDIT_SIGNING_KEY=... "
        "(make run and make test set one)."
    )
if AUDIT_SIGNING_KEY and AUDIT_SIGNING_KEY == SECRET_KEY:
    raise ImproperlyConfigured("AUDIT_SIGNING_KEY must differ from SECRET_KEY.")
# Where the audit chain's head is appended every day, outside the database.
AUDIT_HEAD_FILE = Path(env("AUDIT_HEAD_FILE", str(BASE_DIR / ".local" / "audit-heads.jsonl")))

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "simple_history",
    "crispy_forms",
    "crispy_bootstrap5",
    "administration",
    "reporting",
    "investigation",
    "alerts",
    "administration.statistics",
]

MIDDLEWARE = [
    # The headers first: every answer, a 400, 413 or 500 from a layer below included,
    # leaves with them.
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "administration.middleware.NoStoreMiddleware",
    "administration.uploads.RequestSizeLimitMiddleware",
    # Before the session: a NUL in the session cookie must never reach a query.
    "administration.middleware.RejectNullCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "administration.middleware.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "administration.middleware.SecondFactorRequiredMiddleware",
    "administration.middleware.PasswordChangeRequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "reta.urls"
WSGI_APPLICATION = "reta.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "administration.context_processors.current_post",
                "alerts.context_processors.open_alerts",
            ],
        },
    },
]

# Django's form renderer, with the plain pieces of a form written in Python (reta/renderers.py).
FORM_RENDERER = "reta.renderers.QuickFormRenderer"

# The application connects as a role that owns nothing (see README, "Database roles");
# migrations run with DATABASE_OWNER_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", "postgres://reta_app@127.0.0.1:54329/reta"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
# Short web queries: PostgreSQL's JIT compiler costs more than it saves (seen: 177 ms of
# compilation for a 60 ms list query), and so do parallel workers, started for each query
# and taking the cores of other requests (a name search: 65 -> 50 ms alone; statistics
# asks for them, administration/statistics/selectors.py). The statements the application
# prepares (reta/prepared.py; the driver prepares none of its own) keep one generic plan:
# left to choose, PostgreSQL planned the crossing's look-ups afresh at every run. So do
# the plans of the database's own functions and triggers (look-ups by key).
DATABASES["default"]["OPTIONS"] = {
    **DATABASES["default"].get("OPTIONS", {}),  # what the URL says (sslmode=require...)
    "options": "-c jit=off -c max_parallel_workers_per_gather=0 "
    "-c plan_cache_mode=force_generic_plan",
}
DATABASE_APP_ROLE = env("DATABASE_APP_ROLE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", "redis://127.0.0.1:63799/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "reta",
        # JSON, never pickle: a key planted in Redis must not run code here (reta/cache.py).
        "OPTIONS": {
            "serializer": "reta.cache.JSONSerializer",
            # A cache that hangs is a cache that does not answer: read from the database
            # after a second, never hold every worker until gunicorn's timeout.
            "socket_connect_timeout": 1,
            "socket_timeout": 1,
        },
    }
}

# Celery: the broker never evicts (maxmemory-policy noeviction, README) and tasks are
# acknowledged after they run, so a worker lost mid-task leaves the task to another.
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
# A user sending a complaint must never wait on a broker that is down: no publish retry,
# short timeouts; the alert stays in the outbox and the relay delivers it.
CELERY_TASK_PUBLISH_RETRY = False
# A task stuck on a mail server never holds an alert forever.
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 120
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_BEAT_SCHEDULE = {
    "relay-pending-alerts": {"task": "alerts.tasks.relay_pending_alerts", "schedule": 30.0},
    "escalate-overdue-alerts": {"task": "alerts.tasks.escalate_overdue_alerts", "schedule": 300.0},
    # Statistics: the fact tables the figures come from, the registry watching itself,
    # and exports past their date.
    "refresh-statistics-facts": {
        "task": "administration.statistics.tasks.refresh_facts",
        "schedule": 600.0,
    },
    "watch-registration": {
        "task": "administration.statistics.tasks.watch_registration",
        "schedule": crontab(hour=6, minute=0),
    },
    "purge-statistics-exports": {
        "task": "administration.statistics.tasks.purge_exports",
        "schedule": crontab(hour=3, minute=30),
    },
    "export-audit-chain-head": {
        "task": "administration.tasks.export_audit_chain_head",
        "schedule": crontab(hour=0, minute=5),
    },
    "disable-dormant-accounts": {
        "task": "administration.tasks.disable_dormant_accounts",
        "schedule": crontab(hour=1, minute=15),
    },
    "verify-audit": {
        "task": "administration.tasks.verify_audit",
        "schedule": crontab(hour=2, minute=30),
    },
}

# Accounts nobody signed in with for this many days are disabled every night
# (administration/tasks.py), and the unit's administrator is told; units whose only
# registrars will be disabled within DORMANT_WARNING_DAYS are flagged beforehand.
DORMANT_ACCOUNT_DAYS = int(env("DORMANT_ACCOUNT_DAYS", "90"))
DORMANT_WARNING_DAYS = 15

# Hours an alert may stay unacknowledged before it goes one level up, by priority.
ALERT_ESCALATION_HOURS = {"urgent": 2, "high": 24, "normal": 72}
# Days after which a request for information without an answer shows as overdue (the
# institution's own figure wins when it has one).
DOCUMENT_ANSWER_DAYS = 10
# A pending delivery older than this is flagged to administrators.
ALERT_PENDING_FLAG_MINUTES = 5
# Failed attempts (worker retries and relay sweeps together) after which a delivery is
# given up: it shows as failed to administrators, who retry it by hand.
ALERT_DELIVERY_MAX_ATTEMPTS = 8

AUTH_USER_MODEL = "administration.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "administration.backends.UserBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions: 30 minutes idle (SessionTimeoutMiddleware) and never more than 12 hours in all.
# Database sessions whose rows hold a digest of the cookie, not the cookie
# (administration/sessions.py).
SESSION_ENGINE = "administration.sessions"
SESSION_IDLE_SECONDS = 30 * 60
SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Second factor: which roles (group names) must use it is configuration.
OTP_REQUIRED_ROLES = env_list(
    "OTP_REQUIRED_ROLES",
    "administrator,regional_administrator,national_investigator,regional_investigator",
)
OTP_TOTP_ISSUER = "RETA PNP"

# Lockout: 5 failures lock the username (and username+address) for 15 minutes. The
# client address is REMOTE_ADDR only: a forged X-Forwarded-For must not reset the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_LOCKOUT_CALLABLE = "administration.views.locked_out"
AXES_VERBOSE = False
# Password spraying: failures per client address (administration/signin.py).
SIGN_IN_ADDRESS_FAILURES = 30
SIGN_IN_ADDRESS_WINDOW_SECONDS = 15 * 60

# HTTPS: on unless RETA_HTTPS=0 (only `make run` and `make test` on a laptop turn it off).
HTTPS = env_bool("RETA_HTTPS", True)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 63072000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "es-pe"
LANGUAGES = [("es-pe", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["reta.formats"]
TIME_ZONE = "America/Lima"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / ".local" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = BASE_DIR / ".local" / "media"
# Uploads (answers to requests, attachments of case files): checked by content
# (administration/uploads.py); a larger request body is refused before it is read.
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
# A scanned A4 page at 600 dpi is 35 million pixels; more is a decompression bomb.
UPLOAD_MAX_PIXELS = 40_000_000

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(BASE_DIR / ".local" / "mail"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "RETA <no-reply@localhost>")

# Error pages (DEBUG) and error mails never show a password, key or credential URL.
DEFAULT_EXCEPTION_REPORTER_FILTER = "reta.error_reports.SecretsFilter"

# Logs carry ids and codes, never personal data (names, documents, narratives).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
