from reta.remembered import Remembered


def test_a_remembered_kept_to_two_values_forgets_the_oldest_first(db):
    remembered = Remembered("test-two-values", most=2)
    built = []
    for key in ("a", "b", "c", "b", "a"):
        remembered.get(key, lambda key=key: built.append(key))
    assert built == ["a", "b", "c", "a"]
