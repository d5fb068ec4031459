"""/my/ counts what is new in every case of an account in one query, whatever the number
of cases. A consular entry is counted only for a reader who may read it (the person it
names, the defence: ``access/readable.py``), which takes its payload: a second query
reads those entries alone, only when one of them is new, for all the cases at once."""

from __future__ import annotations

from expediente.docket.standing import Standing
from expediente.portal.last_seen import new_counts
from tests.conftest import PERSON

VICTIM = {"given_names": "Ana", "family_names": "Rojas Vargas", "sex": "female"}


def cases_with_news(open_case, record, n):  # type: ignore[no-untyped-def]
    """``n`` cases (P1 accused, P2 victim), each with a mark of what was seen and then a
    consular entry, a staff note and a charge recorded after it."""
    seen = {}
    for _ in range(n):
        case = open_case()
        record(case, "participant.added", {"role": "accused", "person": PERSON})
        record(case, "participant.added", {"role": "victim", "person": VICTIM})
        case.refresh_from_db()
        seen[case.pk] = case.last_seq
        record(case, "consular.rights_informed", {"person": "P1", "requested": False})
        record(case, "note.added", {"text": "Interna."})
        record(case, "charge.filed", {"accused": "P1", "offence": "CP-208"})
    return seen


def test_the_accused_counts_the_consular_entry_the_victim_does_not(open_case, record):
    seen = cases_with_news(open_case, record, 2)
    accused = dict.fromkeys(seen, Standing("P1", "accused"))
    victim = dict.fromkeys(seen, Standing("P2", "victim"))
    assert new_counts(seen, accused) == dict.fromkeys(seen, 2)
    assert new_counts(seen, victim) == dict.fromkeys(seen, 1)


def test_four_cases_cost_the_two_queries_one_does(open_case, record, django_assert_num_queries):
    seen = cases_with_news(open_case, record, 4)
    accused = dict.fromkeys(seen, Standing("P1", "accused"))
    with django_assert_num_queries(2):
        assert new_counts(seen, accused) == dict.fromkeys(seen, 2)
    one = dict(list(seen.items())[:1])
    with django_assert_num_queries(2):
        new_counts(one, accused)


def test_without_a_consular_entry_new_it_is_one_query(open_case, record, django_assert_num_queries):
    seen = cases_with_news(open_case, record, 4)
    after_the_consular_entry = {case_id: seq + 1 for case_id, seq in seen.items()}
    victim = dict.fromkeys(seen, Standing("P2", "victim"))
    with django_assert_num_queries(1):
        assert new_counts(after_the_consular_entry, victim) == dict.fromkeys(seen, 1)
