"""Small-count suppression for the Secretariat's analysts: plain data in, plain data out.

A table is a grid of counts with its row totals, column totals and grand total (the
"extended grid"). Three rules make it safe to publish:

1. Primary: a count from 1 to k−1 is hidden (shown as "<k"); zeros are shown.
2. Complementary: every line of the extended grid adds up, so a single hidden cell in a
   row is its total minus the others. In the signed extended grid each hidden cell is an
   edge between its row and its column; a hidden value can be recovered by linear algebra
   exactly when its edge lies on no cycle of hidden edges (it is a bridge). So each
   primary cell that is a bridge gets a rectangle of hidden cells through it, chosen among
   cells that are all at least 1: then the hidden value can move by ±1 around that cycle
   without any count going negative, and neither totals nor non-negativity pin it down.
3. Differencing: two tables that differ by one filter value differ by that value's slice
   of each cell. A cell (or total) whose slice for any single filter value, or whose part
   outside the filter, is from 1 to k−1 is hidden as primary, so the difference of two
   published cells is never a small count.

Percentages are shown only where both the count and its denominator are shown (a shown
count with its percentage would otherwise give away a hidden total).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

DEFAULT_K = 5

Grid = list[list[int]]


def extend(counts: Sequence[Sequence[int]], *, columns: int | None = None) -> Grid:
    """The grid with its row totals (last column) and column totals (last row); an empty
    grid needs its number of ``columns``."""
    rows = [list(row) + [sum(row)] for row in counts]
    width = len(rows[0]) if rows else (columns or 0) + 1
    totals = [sum(row[j] for row in rows) for j in range(width)]
    return rows + [totals]


@dataclass
class Suppressed:
    """The extended grid: ``values[i][j]`` is the count, or None where hidden."""

    values: list[list[int | None]]
    primary: set[tuple[int, int]] = field(default_factory=set)
    k: int = DEFAULT_K

    @property
    def hidden(self) -> set[tuple[int, int]]:
        return {
            (i, j)
            for i, row in enumerate(self.values)
            for j, value in enumerate(row)
            if value is None
        }

    def label(self, i: int, j: int) -> str:
        value = self.values[i][j]
        return f"<{self.k}" if value is None else str(value)


def _is_small(value: int, k: int) -> bool:
    return 0 < value < k


def _bridges(edges: set[tuple[int, int]], n_rows: int) -> set[tuple[int, int]]:
    """Edges (row i, column j) of the bipartite graph that lie on no cycle (Tarjan)."""
    adjacency: dict[int, list[tuple[int, tuple[int, int]]]] = {}
    for i, j in edges:
        a, b = i, n_rows + j
        adjacency.setdefault(a, []).append((b, (i, j)))
        adjacency.setdefault(b, []).append((a, (i, j)))
    order: dict[int, int] = {}
    low: dict[int, int] = {}
    bridges: set[tuple[int, int]] = set()
    counter = 0
    for root, first_neighbours in adjacency.items():
        if root in order:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack = [(root, None, iter(first_neighbours))]
        while stack:
            node, via, neighbours = stack[-1]
            advanced = False
            for nxt, edge in neighbours:
                if edge == via:
                    continue
                if nxt in order:
                    low[node] = min(low[node], order[nxt])
                else:
                    order[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append((nxt, edge, iter(adjacency[nxt])))
                    advanced = True
                    break
            if not advanced:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        bridges.add(via)
    return bridges


def _protect(grid: Grid, hidden: set[tuple[int, int]], cell: tuple[int, int]) -> bool:
    """Hide the cheapest rectangle of cells ≥ 1 through ``cell``; False when none exists."""
    i, j = cell
    best = None
    for i2 in range(len(grid)):
        if i2 == i:
            continue
        for j2 in range(len(grid[0])):
            if j2 == j:
                continue
            corners = ((i, j2), (i2, j), (i2, j2))
            if any(grid[a][b] < 1 for a, b in corners):
                continue
            # Cells hidden already cost nothing: prefer reusing them, then small counts.
            cost = sum(0 if (a, b) in hidden else grid[a][b] for a, b in corners)
            if best is None or cost < best[0]:
                best = (cost, corners)
    if best is None:
        return False
    hidden.update(best[1])
    return True


def suppress(
    counts: Sequence[Sequence[int]],
    *,
    k: int = DEFAULT_K,
    slices: Sequence[Sequence[Sequence[int]]] = (),
    shared_hidden: set[tuple[int, int]] = frozenset(),
) -> Suppressed:
    """Suppress a table of counts (without totals) for analysts.

    ``slices`` are the same table restricted to one filter value each (and to the part
    outside the filter); ``shared_hidden`` are cells of the extended grid already hidden
    in a linked table."""
    grid = extend(counts)
    primary = {
        (i, j) for i, row in enumerate(grid) for j, value in enumerate(row) if _is_small(value, k)
    }
    for part in slices:
        extended = extend(part)
        primary |= {
            (i, j)
            for i, row in enumerate(extended)
            for j, value in enumerate(row)
            if _is_small(value, k)
        }
    hidden = set(primary) | set(shared_hidden)
    if hidden:
        _complete(grid, hidden)
    values = [
        [None if (i, j) in hidden else value for j, value in enumerate(row)]
        for i, row in enumerate(grid)
    ]
    return Suppressed(values=values, primary=primary, k=k)


def _complete(grid: Grid, hidden: set[tuple[int, int]]) -> None:
    """Add complementary cells until no hidden cell is a bridge."""
    while True:
        bridges = _bridges(hidden, len(grid))
        if not bridges:
            return
        # Any order is safe; the smallest first keeps the result stable. One bridge a round.
        cell = min(bridges)
        if not _protect(grid, hidden, cell):
            # No rectangle of non-zero cells: nothing short of hiding the whole table is
            # safe.
            hidden.update((i, j) for i in range(len(grid)) for j in range(len(grid[0])))
            return


def suppress_linked(
    tables: Sequence[Sequence[Sequence[int]]],
    links: Sequence[tuple[tuple[int, int, int], tuple[int, int, int]]],
    *,
    k: int = DEFAULT_K,
) -> list[Suppressed]:
    """Suppress tables that share cells: ``links`` pairs (table, i, j) cells that are the
    same figure (a total of one table is a cell of another). A cell hidden in one is hidden
    in the other, until nothing changes."""
    shared: list[set[tuple[int, int]]] = [set() for _ in tables]
    while True:
        result = [suppress(table, k=k, shared_hidden=shared[n]) for n, table in enumerate(tables)]
        changed = False
        for (ta, ia, ja), (tb, ib, jb) in links:
            a_hidden = result[ta].values[ia][ja] is None
            b_hidden = result[tb].values[ib][jb] is None
            if a_hidden and (ib, jb) not in shared[tb] and not b_hidden:
                shared[tb].add((ib, jb))
                changed = True
            if b_hidden and (ia, ja) not in shared[ta] and not a_hidden:
                shared[ta].add((ia, ja))
                changed = True
        if not changed:
            return result


def percentage(part: int | None, whole: int | None) -> float | None:
    """A percentage shown only when both figures are shown (and the whole is not zero)."""
    if part is None or whole is None or whole == 0:
        return None
    return 100.0 * part / whole
