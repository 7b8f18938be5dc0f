"""The deployment files agree with the code: docker-compose.yml sets only variables the
settings read and runs only commands that exist; the local commands are wired."""

import importlib
import os
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

from reta import settings as project_settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
# The services built from the project's Dockerfile (the rest are stock images).
PROJECT_SERVICES = sorted(name for name, service in SERVICES.items() if "build" in service)
MANAGE_PY_SERVICES = sorted(
    name for name in PROJECT_SERVICES if SERVICES[name]["command"][:2] == ["python", "manage.py"]
)
LONG_RUNNING = ("web", "worker", "beat")


def command_of(name: str) -> list[str]:
    command = SERVICES[name].get("command")
    assert isinstance(command, list), f"{name}: write the command as a list"
    return command


def option_value(command: list[str], option: str) -> str:
    return command[command.index(option) + 1]


def is_one_shot(service: dict) -> bool:
    return service.get("restart") == "no"


def test_the_project_image_runs_web_worker_beat_and_the_migrations():
    assert {"web", "worker", "beat", "migrate"} <= set(PROJECT_SERVICES)
    assert "migrate" in MANAGE_PY_SERVICES


@pytest.mark.parametrize("name", PROJECT_SERVICES)
def test_a_project_service_sets_only_variables_the_settings_read(name):
    variables = set(SERVICES[name].get("environment") or {})
    assert variables <= set(project_settings.ENVIRONMENT_VARIABLES)


@pytest.mark.parametrize("name", MANAGE_PY_SERVICES)
def test_a_manage_py_command_in_the_compose_file_exists(name):
    assert command_of(name)[2] in get_commands()


@pytest.mark.parametrize("name", ["worker", "beat"])
def test_the_celery_app_a_service_names_is_importable(name):
    command = command_of(name)
    assert command[0] == "celery"
    module = importlib.import_module(f"{option_value(command, '-A')}.celery")
    assert hasattr(module, "app")


def test_the_wsgi_application_gunicorn_serves_is_importable():
    command = command_of("web")
    assert command[0] == "gunicorn"
    module_name, attribute = command[1].split(":")
    assert callable(getattr(importlib.import_module(module_name), attribute))


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_every_service_has_a_healthcheck_or_runs_once(name):
    service = SERVICES[name]
    assert "healthcheck" in service or is_one_shot(service)


def test_redis_never_evicts_the_celery_queue():
    command = command_of("redis")
    assert option_value(command, "--maxmemory-policy") == "noeviction"


def test_redis_keeps_the_queue_across_restarts():
    command = command_of("redis")
    assert option_value(command, "--appendonly") == "yes"


@pytest.mark.parametrize("name", LONG_RUNNING)
def test_a_long_running_service_waits_for_a_healthy_database_and_redis(name):
    depends_on = SERVICES[name]["depends_on"]
    assert depends_on["db"]["condition"] == "service_healthy"
    assert depends_on["redis"]["condition"] == "service_healthy"


@pytest.mark.parametrize("name", LONG_RUNNING)
def test_a_long_running_service_waits_for_the_migrations(name):
    condition = SERVICES[name]["depends_on"]["migrate"]["condition"]
    assert condition == "service_completed_successfully"


@pytest.mark.parametrize("name", LONG_RUNNING)
def test_a_long_running_service_connects_as_the_application_role(name):
    environment = SERVICES[name]["environment"]
    assert environment["DATABASE_URL"].startswith("postgres://reta_app:")
    assert environment["DATABASE_APP_ROLE"] == "reta_app"
    assert "DATABASE_OWNER_URL" not in environment


def test_the_migrations_run_as_the_database_owner():
    assert SERVICES["migrate"]["environment"]["DATABASE_URL"].startswith("postgres://reta_owner:")


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_a_secret_comes_from_the_environment_not_the_compose_file(name):
    environment = SERVICES[name].get("environment") or {}
    for variable, value in environment.items():
        if any(word in variable for word in ("PASSWORD", "SECRET")) and value is not None:
            assert value.startswith("${"), variable
        if variable.endswith("_URL") and value and "@" in value:
            password = value.split("://", 1)[1].split("@", 1)[0].split(":", 1)[1]
            assert password.startswith("${"), variable


def test_the_ci_script_is_executable_and_runs_make_test():
    script = ROOT / ".ci" / "run"
    assert os.access(script, os.X_OK)
    assert "make test" in script.read_text()


@pytest.mark.parametrize("target", ["run", "test"])
def test_the_makefile_has_the_target(target):
    lines = (ROOT / "Makefile").read_text().splitlines()
    assert any(line.startswith(f"{target}:") for line in lines)
