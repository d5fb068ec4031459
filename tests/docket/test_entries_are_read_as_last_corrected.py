"""Every reader of corrected entries (the case page's history, custody and measures
histories, ages, counsel, guardians, review petitions, the statistics' extract) folds
them with ``docket.corrections.as_last_corrected``: each entry as its latest version
states it, a correction of a correction restating the first entry."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from expediente.docket.corrections import as_last_corrected


@st.composite
def histories(draw) -> list[tuple[int, int | None, str]]:
    """Entries numbered 1…n in record order; each new, or a correction of an earlier
    entry (itself perhaps a correction), with a value naming its own number."""
    n = draw(st.integers(min_value=0, max_value=30))
    rows: list[tuple[int, int | None, str]] = []
    for seq in range(1, n + 1):
        earlier = st.integers(min_value=1, max_value=seq - 1) if seq > 1 else st.nothing()
        corrects = draw(st.none() | earlier)
        rows.append((seq, corrects, f"v{seq}"))
    return rows


def _first(rows: list[tuple[int, int | None, str]], seq: int) -> int:
    corrects = {s: c for s, c, _ in rows}
    while corrects.get(seq) is not None:
        seq = corrects[seq]  # type: ignore[assignment]
    return seq


@given(histories())
def test_each_entry_reads_as_its_latest_version(rows):
    latest, origin = as_last_corrected(rows)
    firsts = [s for s, c, _ in rows if c is None]
    assert list(latest) == firsts  # the entries, in the order first recorded
    for first in firsts:
        versions = [v for s, _, v in rows if _first(rows, s) == first]
        assert latest[first] == versions[-1]
    assert origin == {s: _first(rows, s) for s, _, _ in rows}


def test_a_correction_of_a_correction_restates_the_first_entry():
    rows = [(1, None, "arrested 3 May"), (2, 1, "arrested 4 May"), (3, 2, "arrested 5 May")]
    assert as_last_corrected(rows) == ({1: "arrested 5 May"}, {1: 1, 2: 1, 3: 1})


def test_a_correction_of_an_entry_not_read_stands_for_it():
    # a caller reading only corrections (or a correction whose entry is of another type)
    assert as_last_corrected([(7, 3, "restated")]) == ({3: "restated"}, {7: 3})
