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

# The output INTERFACES.md documents for that example: a victim of 15 is an aggravation
# (first degree of art. 153-A).
DOCUMENTED_OUTPUT = {
    "verdict": "trafficking",
    "exploitation": ["explotacion_sexual"],
    "related": [],
    "missing": [],
    "aggravated": True,
    "aggravating": ["victima_14_a_17"],
    "article": "153-A",
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
    assert output["article"] == "153-A"


@pytest.mark.django_db
def test_the_article_follows_the_date_of_the_facts():
    facts = {**EXAMPLE, "date_of_facts": "2022-02-01"}

    output = json.loads(classify_command("-", stdin=io.StringIO(json.dumps(facts))))

    assert (output["article"], output["law"]) == ("129-B", "Ley 31146")


def classify_stdin(facts):
    return json.loads(classify_command("-", stdin=io.StringIO(json.dumps(facts))))


@pytest.mark.django_db
def test_every_documented_key_has_its_documented_type(example_file):
    output = json.loads(classify_command(example_file))

    assert output["verdict"] in {"trafficking", "related", "none"}
    assert output["priority"] in {"urgent", "high", "normal"}
    assert isinstance(output["aggravated"], bool)
    for key in ("exploitation", "related", "missing", "aggravating", "reasons"):
        assert isinstance(output[key], list), key
        assert all(isinstance(item, str) for item in output[key]), key
    assert all(isinstance(output[key], str) for key in ("article", "law"))


@pytest.mark.django_db
def test_an_adult_case_is_the_base_article_with_high_priority():
    output = classify_stdin({**EXAMPLE, "victims": [{"age": 30}]})

    assert (output["aggravated"], output["aggravating"]) == (False, [])
    assert (output["article"], output["priority"]) == ("153", "high")


@pytest.mark.django_db
def test_the_girl_of_16_of_huepetuhe_in_2026_is_129_b_first_degree_and_urgent():
    output = classify_stdin(
        {
            "date_of_facts": "2026-10-05",
            "victims": [{"age": 16, "sex": "F"}],
            "acts": ["captacion", "traslado", "acogida"],
            "means": ["engano"],
            "purposes": ["explotacion_sexual"],
        }
    )

    assert (output["article"], output["law"], output["priority"]) == (
        "129-B",
        "Ley 31146",
        "urgent",
    )
    assert output["aggravating"] == ["victima_14_a_17"]
    assert "Agravante de primer grado: víctima de 14 a 17 años." in output["reasons"]


@pytest.mark.django_db
def test_the_reasons_name_the_second_degree():
    output = classify_stdin({**EXAMPLE, "victims": [{"age": 12}]})

    assert "Agravante de segundo grado: víctima menor de 14 años." in output["reasons"]


@pytest.mark.django_db
def test_two_victims_and_a_disability_are_derived_in_the_output():
    output = classify_stdin({**EXAMPLE, "victims": [{"age": 30}, {"age": 40, "disability": True}]})

    assert output["aggravating"] == ["pluralidad_victimas", "victima_discapacidad"]


@pytest.mark.django_db
def test_before_2007_article_182_has_its_own_aggravations():
    relative = classify_stdin(
        {**EXAMPLE, "date_of_facts": "2005-03-01", "aggravating": ["agente_familiar"]}
    )
    official = classify_stdin(
        {
            **EXAMPLE,
            "date_of_facts": "2005-03-01",
            "victims": [],
            "aggravating": ["agente_funcionario"],
        }
    )

    assert (relative["aggravated"], relative["article"], relative["law"]) == (
        True,
        "182",
        "Ley 28251",
    )
    assert (official["aggravated"], official["aggravating"]) == (False, [])


@pytest.mark.django_db
def test_the_new_ticked_circumstances_are_accepted():
    output = classify_stdin(
        {**EXAMPLE, "aggravating": ["agente_organizacion_empresarial", "pluralidad_agentes"]}
    )

    assert output["aggravating"] == [
        "agente_organizacion_empresarial",
        "pluralidad_agentes",
        "victima_14_a_17",
    ]


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
    pytest.param(json.dumps({**EXAMPLE, "aggravating": ["victima_14_a_17"]}), id="derived-age"),
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
