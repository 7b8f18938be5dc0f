"""``manage.py classify``, per INTERFACES.md section 2."""

import io
import json

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

EXAMPLE = {
    "date_of_facts": "2010-05-17",
    "victims": [{"age": 15, "sex": "F", "disability": False}],
    "acts": ["captacion", "traslado"],
    "means": ["engano"],
    "purposes": ["explotacion_sexual"],
    "related": [],
    "aggravating": [],
}

DOCUMENTED_OUTPUT = {
    "verdict": "trafficking",
    "exploitation": ["explotacion_sexual"],
    "related": [],
    "missing": [],
    "aggravated": False,
    "aggravating": [],
    "article": "153",
    "law": "Ley 28950",
    "priority": "urgent",
}


def classify_command(*args, stdin=None):
    out = io.StringIO()
    call_command("classify", *args, stdout=out, stdin=stdin)
    return out.getvalue()


def from_command_line(args, capsys, monkeypatch, stdin=""):
    """Run as ``manage.py classify`` does: exit status, stdout and stderr."""
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        execute_from_command_line(["manage.py", "classify", *args])
    except SystemExit as exit_:
        status = exit_.code
    else:
        status = 0
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def example_file(tmp_path):
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    return str(path)


@pytest.mark.django_db
def test_the_interfaces_example_gives_the_documented_output(example_file):
    output = json.loads(classify_command(example_file))

    reasons = output.pop("reasons")
    assert output == DOCUMENTED_OUTPUT
    assert reasons
    assert all(isinstance(reason, str) and reason for reason in reasons)


@pytest.mark.django_db
def test_the_output_is_one_json_object_on_one_line_with_keys_in_documented_order(example_file):
    text = classify_command(example_file)

    assert text.count("\n") == 1
    assert list(json.loads(text)) == [*DOCUMENTED_OUTPUT, "reasons"]


@pytest.mark.django_db
def test_a_dash_reads_the_facts_from_standard_input():
    output = json.loads(classify_command("-", stdin=io.StringIO(json.dumps(EXAMPLE))))

    assert output["verdict"] == "trafficking"
    assert output["article"] == "153"


@pytest.mark.django_db
def test_the_article_follows_the_date_of_the_facts():
    facts = {**EXAMPLE, "date_of_facts": "2022-02-01"}

    output = json.loads(classify_command("-", stdin=io.StringIO(json.dumps(facts))))

    assert (output["article"], output["law"]) == ("129-A", "Ley 31146")


@pytest.mark.django_db
def test_labour_exploitation_in_2005_is_not_trafficking():
    facts = {**EXAMPLE, "date_of_facts": "2005-03-01", "purposes": ["explotacion_laboral"]}

    output = json.loads(classify_command("-", stdin=io.StringIO(json.dumps(facts))))

    assert output["verdict"] == "none"
    assert output["missing"] == ["purpose"]
    assert output["article"] is None


def test_bad_input_raises_a_command_error_with_exit_status_2():
    with pytest.raises(CommandError) as error:
        classify_command("-", stdin=io.StringIO("[]"))

    assert error.value.returncode == 2


BAD_INPUTS = [
    pytest.param("{not json", id="not-json"),
    pytest.param("", id="empty"),
    pytest.param('["2010-05-17"]', id="not-an-object"),
    pytest.param(json.dumps({**EXAMPLE, "purposes": ["explotacion_sexal"]}), id="unknown-code"),
    pytest.param(json.dumps({**EXAMPLE, "date_of_facts": "2010-02-30"}), id="bad-date"),
    pytest.param(json.dumps({**EXAMPLE, "date_of_facts": None}), id="no-date"),
    pytest.param(json.dumps({**EXAMPLE, "victims": [{"age": -3}]}), id="negative-age"),
]


@pytest.mark.parametrize("stdin", BAD_INPUTS)
def test_bad_input_exits_2_with_one_line_on_stderr_and_nothing_on_stdout(
    stdin, capsys, monkeypatch
):
    status, out, err = from_command_line(["-"], capsys, monkeypatch, stdin=stdin)

    assert status == 2
    assert out == ""
    assert err.endswith("\n")
    assert err.count("\n") == 1
    assert err.strip()


def test_the_error_line_says_what_is_wrong(capsys, monkeypatch):
    stdin = json.dumps({**EXAMPLE, "purposes": ["explotacion_sexal"]})

    _status, _out, err = from_command_line(["-"], capsys, monkeypatch, stdin=stdin)

    assert "explotacion_sexal" in err
    assert "purposes" in err


def test_a_missing_file_exits_2_with_one_line_on_stderr(tmp_path, capsys, monkeypatch):
    status, out, err = from_command_line([str(tmp_path / "missing.json")], capsys, monkeypatch)

    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
