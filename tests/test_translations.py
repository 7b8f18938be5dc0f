from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
# The project's catalogue and each app's own (an app may keep its strings in <app>/locale/).
CATALOGUES = sorted(
    path
    for path in ROOT.glob("**/locale/es/LC_MESSAGES/django.po")
    if not path.relative_to(ROOT).parts[0].startswith(".")
)


def entries(text):
    """(msgid, msgstr, fuzzy) of each entry, multi-line strings joined."""
    blocks = text.split("\n\n")
    for block in blocks:
        fuzzy = "#, fuzzy" in block
        current, parts = None, {}
        for line in block.splitlines():
            if line.startswith(("msgid ", "msgstr ", "msgid_plural ", "msgstr[")):
                current, _space, value = line.partition(" ")
                parts[current] = value.strip('"')
            elif line.startswith('"') and current:
                parts[current] += line.strip('"')
        if parts.get("msgid"):
            translations = [v for k, v in parts.items() if k.startswith("msgstr")]
            yield parts["msgid"], translations, fuzzy


def test_the_project_has_a_spanish_catalogue():
    assert ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po" in CATALOGUES


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_spanish_message_is_translated_and_none_is_fuzzy(catalogue):
    missing = [
        msgid
        for msgid, translations, fuzzy in entries(catalogue.read_text(encoding="utf-8"))
        if fuzzy or not all(translations)
    ]
    assert missing == []


@pytest.mark.django_db
def test_the_interface_is_in_spanish_by_default(client):
    response = client.get(reverse("login"))
    assert response["Content-Language"] == "es-pe"
    assert "Ingresar" in response.content.decode()


@pytest.mark.django_db
def test_the_interface_is_available_in_english(client):
    client.post(reverse("set_language"), {"language": "en"})
    assert "Sign in" in client.get(reverse("login")).content.decode()
