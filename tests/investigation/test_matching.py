"""Name matching without HTTP or database: double surnames in any order, accents, a
missing second surname and typos match; a common surname alone never does."""

from investigation.matching import name_match, person, probe_keys, record_keys, typed


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


def test_double_surnames_in_either_order_share_a_name_key():
    assert record_keys("Juan Carlos", "Quispe Mamani") & record_keys("Juan", "Mamani Quispe")


def test_a_common_surname_with_another_first_name_shares_no_name_key():
    assert not record_keys("Juan", "Quispe Mamani") & record_keys("Pedro", "Quispe Mamani")


def test_a_record_without_a_surname_has_no_name_key():
    assert record_keys("Juan Quispe", "") == set()


def test_a_probe_with_two_surnames_finds_a_record_with_one_of_them():
    keys = set().union(*probe_keys(person("Rosa", "Condori Apaza")))
    assert keys & record_keys("Rosa", "Condori")


def test_a_probe_with_two_surnames_does_not_ask_for_every_record_with_one():
    keys = set().union(*probe_keys(person("Rosa", "Condori Apaza")))
    assert not keys & record_keys("Rosa", "Condori Quispe")


def test_names_written_in_each_others_box_share_a_name_key():
    (keys,) = probe_keys(person("Juan", "Quispe"))
    assert keys & record_keys("Quispe", "Juan")


def test_a_typed_name_of_three_words_asks_for_both_surnames_first():
    precise, _single, pairs = probe_keys(typed("juan quispe mamani"))
    assert precise & record_keys("Juan", "Mamani Quispe")
    assert not precise & record_keys("Juan", "Quispe Flores")
    assert pairs & record_keys("Juan", "Quispe Flores")


def test_a_single_typed_word_asks_for_no_name_key():
    assert probe_keys(typed("quispe")) == []


def test_the_full_name_is_asked_apart_from_the_records_with_one_of_its_surnames():
    full_name, *others = probe_keys(person("Juan", "Quispe Mamani"))
    assert full_name & record_keys("Juan", "Mamani Quispe")
    assert not full_name & record_keys("Juan", "Quispe")
    assert set().union(*others) & record_keys("Juan", "Quispe")


def test_a_long_typed_name_asks_for_a_bounded_number_of_keys():
    keys = set().union(*probe_keys(typed(" ".join(f"ab{n:02d}" for n in range(40)))))
    assert len(keys) <= 6 * 5 * 4
