"""Drop and silence detection on made series."""

from administration.statistics.monitoring import DROP, SILENCE, judge, months_back


def test_a_sudden_drop_below_a_third_for_two_months_is_found():
    series = [12, 10, 11, 13, 9, 12, 10, 11, 12, 10, 13, 11, 2, 3]
    finding = judge(series, silence_months=6)
    assert finding.kind == DROP
    assert round(finding.usual) == 11


def test_one_bad_month_is_not_a_drop():
    assert judge([12, 10, 11, 13, 9, 12, 10, 11, 12, 10, 13, 11, 2, 11], silence_months=6) is None


def test_a_busy_region_silent_for_months_is_found():
    series = [4, 5, 3, 4, 6, 5, 4, 3, 5, 4, 6, 5] + [0] * 6
    assert judge(series, silence_months=6).kind == SILENCE


def test_a_region_that_is_simply_small_is_not_silent():
    # One complaint every five months or so: six empty months are what it usually does.
    series = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0] + [0] * 6
    assert judge(series, silence_months=6) is None


def test_a_small_region_is_not_a_drop_either():
    assert judge([2, 1, 2, 2, 1, 2, 1, 2, 2, 1, 2, 2, 0, 0], silence_months=6) is None


def test_a_steady_region_raises_nothing():
    assert judge([10] * 24, silence_months=6) is None


def test_the_silence_months_are_a_setting():
    series = [4] * 12 + [0] * 3
    assert judge(series, silence_months=3).kind == SILENCE
    assert judge(series, silence_months=6) is None or judge(series, silence_months=6).kind == DROP


def test_months_back_crosses_the_new_year():
    assert months_back(2026, 2, 3) == [(2025, 12), (2026, 1), (2026, 2)]
