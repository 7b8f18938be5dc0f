"""Name matching without HTTP or database: double surnames in any order, accents, a
missing second surname and typos match; a common surname alone never does."""

from investigation.matching import name_match, person, typed


def test_double_surnames_swapped_are_the_same_person():
    found = name_match(
        person("Juan Carlos", "Quispe Mamani"), person("Juan Carlos", "Mamani Quispe")
    )
    assert found is not None and found.strong


def test_accents_and_case_do_not_matter():
    assert name_match(person("MARÍA", "HUAMANÍ QUISPE"), person("maria", "huamani quispe")).strong


def test_a_missing_second_surname_still_matches():
    assert name_match(person("Rosa", "Condori"), person("Rosa", "Condori Apaza")) is not None


def test_a_typing_error_still_matches():
    assert name_match(
        person("Wilber", "Hernández Ccahuana"), person("Wilber", "Hernandes Ccahuana")
    )


def test_a_common_surname_alone_is_not_a_match():
    assert name_match(person("Juan", "Quispe Mamani"), person("Pedro", "Quispe Mamani")) is None
    assert name_match(person("", "Quispe"), person("Juan", "Quispe")) is None


def test_a_first_name_alone_is_not_a_match():
    assert name_match(person("Juan", "Quispe"), person("Juan", "Torres")) is None


def test_a_birth_year_far_apart_undoes_a_name_match():
    assert (
        name_match(
            person("Juan", "Quispe Mamani", birth_year=1980),
            person("Juan", "Quispe Mamani", birth_year=2001),
        )
        is None
    )


def test_a_close_birth_year_strengthens_a_weak_match():
    weak = name_match(person("Rosa", "Condori"), person("Rosa", "Condori Apaza"))
    strong = name_match(
        person("Rosa", "Condori", birth_year=1990), person("Rosa", "Condori Apaza", birth_year=1991)
    )
    assert not weak.strong and strong.strong


def test_a_different_nationality_weakens_a_match():
    same = name_match(
        person("Ana", "Pérez", nationality="VE"), person("Ana", "Pérez Gil", nationality="VE")
    )
    other = name_match(
        person("Ana", "Pérez", nationality="VE"), person("Ana", "Pérez Gil", nationality="PE")
    )
    assert same is not None and (other is None or other.score < same.score)


def test_a_name_typed_in_one_box_matches_in_any_order():
    assert name_match(typed("quispe mamani juan"), person("Juan", "Mamani Quispe")).strong


def test_a_surname_typed_alone_in_a_box_is_not_a_match():
    assert name_match(typed("quispe"), person("Juan", "Quispe Mamani")) is None


def test_words_the_person_does_not_have_undo_a_typed_match():
    assert name_match(typed("juan quispe huaman"), person("Juan", "Quispe Mamani")) is None
