"""Suppression for analysts, proved on random tables (hypothesis) and attacked three ways:
by solving lines with one unknown, by exact linear algebra, and by brute force with
non-negative counts; and by differencing two exports that differ by one filter value."""

import itertools
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from administration.statistics.bands import (
    CTDC_BANDS,
    MINOR_ADULT_BANDS,
    UNKNOWN,
    band_of,
    is_minor,
)
from administration.statistics.suppression import (
    extend,
    percentage,
    suppress,
    suppress_linked,
)


def tables(max_rows=5, max_cols=5, max_value=30):
    return st.integers(1, max_rows).flatmap(
        lambda r: st.integers(1, max_cols).flatmap(
            lambda c: st.lists(
                st.lists(
                    st.one_of(st.integers(0, 6), st.integers(0, max_value)),
                    min_size=c,
                    max_size=c,
                ),
                min_size=r,
                max_size=r,
            )
        )
    )


def lines(n_rows, n_cols):
    """Each line of the extended grid as (cells, total cell)."""
    for i in range(n_rows):
        yield [(i, j) for j in range(n_cols - 1)], (i, n_cols - 1)
    for j in range(n_cols):
        yield [(i, j) for i in range(n_rows - 1)], (n_rows - 1, j)


def solved_by_lines(result):
    """The attacker who fills every line that has a single unknown, until stuck."""
    known = {
        (i, j): v for i, row in enumerate(result.values) for j, v in enumerate(row) if v is not None
    }
    n_rows, n_cols = len(result.values), len(result.values[0])
    progress = True
    while progress:
        progress = False
        for parts, total in lines(n_rows, n_cols):
            cells = [*parts, total]
            unknown = [c for c in cells if c not in known]
            if len(unknown) != 1:
                continue
            (cell,) = unknown
            partial = sum(known[c] for c in parts if c in known)
            known[cell] = partial if cell == total else known[total] - partial
            progress = True
    return known


def determined_by_algebra(result):
    """Hidden cells fixed by the equations of the table (exact, with fractions)."""
    hidden = sorted(result.hidden)
    index = {cell: n for n, cell in enumerate(hidden)}
    n_rows, n_cols = len(result.values), len(result.values[0])
    matrix = []
    for parts, total in lines(n_rows, n_cols):
        row = [Fraction(0)] * len(hidden)
        for cell in parts:
            if cell in index:
                row[index[cell]] += 1
        if total in index:
            row[index[total]] -= 1
        matrix.append(row)
    pivots = []
    rank = 0
    for col in range(len(hidden)):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][col] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        lead = matrix[rank][col]
        matrix[rank] = [x / lead for x in matrix[rank]]
        for r in range(len(matrix)):
            if r != rank and matrix[r][col] != 0:
                factor = matrix[r][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        pivots.append(col)
        rank += 1
    free = [c for c in range(len(hidden)) if c not in pivots]
    fixed = set()
    for r, col in enumerate(pivots):
        if all(matrix[r][f] == 0 for f in free):
            fixed.add(hidden[col])
    return fixed


@settings(max_examples=150, deadline=None)
@given(tables())
def test_no_count_from_1_to_k_minus_1_is_ever_shown(counts):
    result = suppress(counts, k=5)
    for row in result.values:
        for value in row:
            assert value is None or value == 0 or value >= 5


@settings(max_examples=150, deadline=None)
@given(tables())
def test_no_hidden_cell_is_recovered_from_the_totals_line_by_line(counts):
    result = suppress(counts, k=5)
    known = solved_by_lines(result)
    assert not (result.hidden & set(known))


@settings(max_examples=100, deadline=None)
@given(tables())
def test_no_hidden_cell_is_fixed_by_the_equations_of_the_table(counts):
    result = suppress(counts, k=5)
    assert not determined_by_algebra(result)


@settings(max_examples=60, deadline=None)
@given(tables(max_rows=2, max_cols=3, max_value=6))
def test_no_hidden_cell_is_pinned_down_even_knowing_counts_are_never_negative(counts):
    result = suppress(counts, k=5)
    grid_shape = (len(counts), len(counts[0]))
    interior_hidden = [
        (i, j) for (i, j) in result.hidden if i < grid_shape[0] and j < grid_shape[1]
    ]
    # A hidden interior count never exceeds the grand total; 8 is enough for these tables.
    bound = min(8, extend(counts)[-1][-1])
    assume(len(interior_hidden) <= 4)
    seen = {cell: set() for cell in result.hidden}
    for guess in itertools.product(range(bound + 1), repeat=len(interior_hidden)):
        trial = [list(row) for row in counts]
        for (i, j), value in zip(interior_hidden, guess, strict=True):
            trial[i][j] = value
        extended = extend(trial)
        if any(
            result.values[i][j] is not None and result.values[i][j] != extended[i][j]
            for i in range(len(extended))
            for j in range(len(extended[0]))
        ):
            continue
        for i, j in result.hidden:
            seen[(i, j)].add(extended[i][j])
    assert all(len(values) > 1 for values in seen.values())


@settings(max_examples=100, deadline=None)
@given(tables(), st.integers(0, 2))
def test_a_percentage_is_never_shown_beside_a_hidden_count_or_total(counts, axis):
    result = suppress(counts, k=5)
    for row in result.values[:-1]:
        for j, value in enumerate(row[:-1]):
            whole = (row[-1], result.values[-1][j], result.values[-1][-1])[axis]
            shown = percentage(value, whole)
            if value is None or whole is None:
                assert shown is None


def test_a_table_without_small_counts_is_shown_whole():
    result = suppress([[10, 0], [7, 25]], k=5)
    assert result.values == [[10, 0, 10], [7, 25, 32], [17, 25, 42]]


def test_a_small_count_is_shown_as_less_than_k():
    result = suppress([[3, 10], [12, 25]], k=5)
    assert result.label(0, 0) == "<5"


def test_k_is_a_setting_not_a_constant():
    result = suppress([[7, 10], [12, 25]], k=10)
    assert result.values[0][0] is None
    assert result.label(0, 0) == "<10"


def test_a_single_small_cell_takes_three_others_with_it():
    result = suppress([[3, 10, 20], [12, 25, 30]], k=5)
    assert len(result.hidden) == 4
    assert (0, 0) in result.hidden


def test_linked_tables_hide_a_shared_figure_in_both():
    # The total of the first table (its cell 0, 2) is the first cell of the second.
    first = [[3, 10], [12, 25]]
    second = [[13, 8], [37, 9]]
    results = suppress_linked([first, second], [((0, 0, 2), (1, 0, 0))], k=5)
    assert (results[0].values[0][2] is None) == (results[1].values[0][0] is None)


def records_table(records, filter_values):
    """Counts by (row, column) of the records whose filter value is chosen, and the
    slices for each chosen value: what the cross-tab builder hands to ``suppress``."""
    rows, cols = sorted({r for r, _c, _f in records}), sorted({c for _r, c, _f in records})

    def count(keep):
        return [
            [sum(1 for rr, cc, f in records if rr == r and cc == c and keep(f)) for c in cols]
            for r in rows
        ]

    main = count(lambda f: f in filter_values)
    slices = [count(lambda f, v=v: f == v) for v in filter_values]
    return main, slices


def test_differencing_two_exports_that_differ_by_one_filter_value_recovers_nothing():
    # Cusco has many victims in every cell; Puno has 2 in one cell.
    records = []
    for sex in ("F", "M"):
        for year in (2010, 2011):
            records += [(year, sex, "cusco")] * 20
    records += [(2010, "F", "puno")] * 2
    both, both_slices = records_table(records, ["cusco", "puno"])
    only_cusco, cusco_slices = records_table(records, ["cusco"])

    naive = suppress(both, k=5), suppress(only_cusco, k=5)
    leaked = naive[0].values[0][0] - naive[1].values[0][0]
    assert leaked == 2  # without the slice rule the two exports give Puno away

    first = suppress(both, k=5, slices=both_slices)
    second = suppress(only_cusco, k=5, slices=cusco_slices)
    for i, row in enumerate(first.values):
        for j, value in enumerate(row):
            other = second.values[i][j]
            if value is not None and other is not None:
                assert not 0 < abs(value - other) < 5


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 2), st.sampled_from("abc")),
        min_size=1,
        max_size=80,
    ),
    st.sampled_from("abc"),
)
def test_no_two_exports_differing_by_one_filter_value_differ_by_a_small_count(records, dropped):
    chosen = ["a", "b", "c"]
    rest = [v for v in chosen if v != dropped]
    rows = sorted({r for r, _c, _f in records})
    cols = sorted({c for _r, c, _f in records})
    records = records + [(r, c, "a") for r in rows for c in cols]  # same shape in both

    wide, wide_slices = records_table(records, chosen)
    narrow, narrow_slices = records_table(records, rest)
    first = suppress(wide, k=5, slices=wide_slices)
    second = suppress(narrow, k=5, slices=narrow_slices)
    for i, row in enumerate(first.values):
        for j, value in enumerate(row):
            other = second.values[i][j]
            if value is not None and other is not None:
                assert not 0 < value - other < 5


def test_ages_fall_in_the_ctdc_bands():
    assert [band_of(age) for age in (0, 8, 9, 17, 18, 20, 21, 29, 30, 38, 39, 47, 48, 90)] == [
        "0-8",
        "0-8",
        "9-17",
        "9-17",
        "18-20",
        "18-20",
        "21-23",
        "27-29",
        "30-38",
        "30-38",
        "39-47",
        "39-47",
        "48+",
        "48+",
    ]


def test_a_missing_age_has_a_band_of_its_own():
    assert band_of(None) == UNKNOWN
    assert is_minor(None) is None


def test_children_and_teenagers_are_0_to_17_and_adults_18_and_over():
    assert [band_of(age, MINOR_ADULT_BANDS) for age in (0, 17, 18, 64)] == [
        "0-17",
        "0-17",
        "18+",
        "18+",
    ]
    assert is_minor(17) and not is_minor(18)


def test_the_bands_cover_every_age_without_overlap():
    for age in range(120):
        assert sum(1 for band in CTDC_BANDS if band.holds(age)) == 1
