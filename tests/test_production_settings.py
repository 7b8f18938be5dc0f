import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import sign_in_verified, user_with_role

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "SECRET_KEY": "a-production-secret-" + "k3y-" * 12,
    "AUDIT_SIGNING_KEY": "an-audit-signing-key-" + "s1gn-" * 10,
    "ALLOWED_HOSTS": "reta.example.pe",
    "DATABASE_URL": os.environ["DATABASE_URL"],
    "REDIS_URL": os.environ.get("REDIS_URL", ""),
}


def test_the_deployment_check_passes_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=PRODUCTION_ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "reta.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def production_settings_fail_without(variable: str, **changes) -> str:
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != variable}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**env, **changes, "DJANGO_SETTINGS_MODULE": "reta.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    return result.stderr


def test_production_settings_refuse_to_start_without_an_audit_signing_key():
    assert "AUDIT_SIGNING_KEY must be set" in production_settings_fail_without("AUDIT_SIGNING_KEY")


def test_the_audit_signing_key_must_not_be_the_secret_key():
    stderr = production_settings_fail_without("", AUDIT_SIGNING_KEY=PRODUCTION_ENV["SECRET_KEY"])
    assert "must differ from SECRET_KEY" in stderr


@pytest.mark.django_db
def test_pages_send_a_content_security_policy(client):
    response = client.get(reverse("login"))
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_pages_with_personal_data_are_never_stored(client, tree):
    sign_in_verified(client, user_with_role("regional_investigator", tree.cusco_directorate))
    response = client.get(reverse("unit-detail", kwargs={"pk": tree.cusco_station.pk}))
    assert response["Cache-Control"] == "no-store"


def test_a_checkout_checks_its_migrations_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_server_commands_still_refuse_to_run_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
