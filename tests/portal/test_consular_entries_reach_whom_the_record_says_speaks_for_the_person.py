"""In a case with several accused, every defence lawyer read the consular entries of
every accused (they say that one person is a foreign national), and the accused's own
guardian did not. The record now says who acts for whom (``participant.acts_for``,
``docket/counsel.py``) and whom a guardian stands for: the entries, and the consular
right on the detention clock, reach the person named, the guardian standing for them and
the defence acting for them (``custody.consular.may_read_entry``). A lawyer for whom
nothing is recorded still reads every accused's, as before the record existed."""

from __future__ import annotations

import pytest

from expediente.custody.consular import may_read_entry, speaks_for
from tests.conftest import PERSON
from tests.portal.test_a_guardian_is_addressed_as_the_guardian import (  # noqa: F401
    follow,
    juvenile_case,
    said,
)

TOLD = "Told of the right to consular notification"
INFORMED = "Consulate informed of the detention"
RIGHT = "has the right to ask that the consulate of their country be told"
CO_ACCUSED = {"given_names": "Carlos", "family_names": "Soto Mena", "sex": "male"}
LAWYER = {"given_names": "Elena", "family_names": "Abogada Ruiz", "sex": "female"}
MOTHER = {"given_names": "Marta", "family_names": "Mena Soto", "sex": "female"}


@pytest.fixture
def two_accused(juvenile_case, record):  # type: ignore[no-untyped-def]  # noqa: F811
    """P1 accused (held, a foreign national) and his guardian P2, who stands for him; P3
    the public defender (nothing recorded); P4 victim, P5 victim's lawyer; P6 a second
    accused, P7 his private lawyer (recorded as acting for P6 alone) and P8 his mother
    (recorded as standing for P6). The consular entries name P1."""
    young = {**PERSON, "date_of_birth": "2010-05-01", "nationality": "NI"}
    record(
        juvenile_case,
        "participant.added",
        {"participant": "P1", "role": "accused", "person": young},
        corrects_seq=2,
    )
    record(juvenile_case, "participant.added", {"role": "accused", "person": CO_ACCUSED})  # P6
    record(juvenile_case, "participant.added", {"role": "defence", "person": LAWYER})  # P7
    record(juvenile_case, "participant.added", {"role": "guardian", "person": MOTHER})  # P8
    record(juvenile_case, "participant.stands_for", {"guardian": "P2", "stands_for": "P1"})
    record(juvenile_case, "participant.stands_for", {"guardian": "P8", "stands_for": "P6"})
    record(juvenile_case, "participant.acts_for", {"counsel": "P7", "accused": "P6"})
    record(
        juvenile_case,
        "consular.rights_informed",
        {"person": "P1", "requested": True, "language": "inglés"},
    )
    record(
        juvenile_case,
        "consular.post_notified",
        {"person": "P1", "consular_post": "Consulado de Nicaragua", "means": "phone"},
    )
    return juvenile_case


def page_of(case, issue, reader: str) -> str:  # type: ignore[no-untyped-def]
    return said(follow(case, issue, reader, "en"), "/follow/case/")


@pytest.mark.parametrize(
    "reader",
    [
        "P1",  # the person named
        "P2",  # the guardian standing for him
        "P3",  # a lawyer of the defence for whom nothing is recorded: as before
    ],
)
def test_the_person_their_guardian_and_their_defence_read_them(two_accused, issue, reader):  # type: ignore[no-untyped-def]
    page = page_of(two_accused, issue, reader)
    assert TOLD in page
    assert INFORMED in page


@pytest.mark.parametrize(
    "reader",
    [
        "P7",  # the lawyer of the other accused
        "P8",  # the other accused's mother
        "P6",  # the other accused
        "P4",  # the victim
        "P5",  # the victim's lawyer
    ],
)
def test_nobody_else_reads_them(two_accused, issue, reader):  # type: ignore[no-untyped-def]
    page = page_of(two_accused, issue, reader)
    assert TOLD not in page
    assert INFORMED not in page
    assert "consul" not in page.lower()
    assert "Hearing scheduled" in page  # the rest of the history is still there


def test_once_recorded_for_another_accused_the_public_defender_reads_them_no_more(  # type: ignore[no-untyped-def]
    two_accused, issue, record
):
    record(two_accused, "participant.acts_for", {"counsel": "P3", "accused": "P6"})
    assert TOLD not in page_of(two_accused, issue, "P3")
    record(two_accused, "participant.acts_for", {"counsel": "P3", "accused": "P1"})
    assert TOLD in page_of(two_accused, issue, "P3")
    # a withdrawal from P1 takes them away again
    record(two_accused, "participant.acts_for", {"counsel": "P3", "accused": "P1", "ended": True})
    assert TOLD not in page_of(two_accused, issue, "P3")


def test_the_consular_right_on_the_clock_follows_the_same_rule(two_accused, issue):  # type: ignore[no-untyped-def]
    assert RIGHT in page_of(two_accused, issue, "P2")  # his guardian, about him
    assert RIGHT in page_of(two_accused, issue, "P3")  # nothing recorded: as before
    assert RIGHT not in page_of(two_accused, issue, "P7")  # the other accused's lawyer
    assert RIGHT not in page_of(two_accused, issue, "P8")  # the other accused's mother


def test_the_rule_itself():
    consular = ("consular.rights_informed", {"person": "P1", "requested": False})

    def reads(**reader):  # type: ignore[no-untyped-def]
        return may_read_entry(*consular, **reader)

    assert reads(participant="P1", role="accused")
    assert reads(participant="P2", role="guardian", stands_for="P1")
    assert not reads(participant="P2", role="guardian")  # nothing recorded for her
    assert not reads(participant="P8", role="guardian", stands_for="P6")
    assert reads(participant="P3", role="public_defender")  # nothing recorded: None
    assert reads(participant="P7", role="defence", acts_for={"P1", "P6"})
    assert not reads(participant="P7", role="defence", acts_for={"P6"})
    assert not reads(participant="P7", role="defence", acts_for=set())  # withdrew
    assert not reads(participant="P4", role="victim", acts_for={"P1"})
    # every other entry is everyone's
    assert may_read_entry("custody.arrested", {"person": "P1"}, participant="P4", role="victim")
    assert not speaks_for("", participant="", role="guardian", stands_for="")


def test_the_history_tells_a_withdrawal_from_an_appointment(two_accused, issue, record):  # type: ignore[no-untyped-def]
    record(two_accused, "participant.acts_for", {"counsel": "P7", "accused": "P6", "ended": True})
    page = page_of(two_accused, issue, "P6")
    first = page.index("Defence counsel for an accused")
    second = page.index("Defence counsel for an accused", first + 1)
    ended = "No longer acts for them (withdrawal, dismissal or replacement)"
    assert ended not in page[first:second]
    assert ended in page[second:]
    assert "Elena Abogada Ruiz" in page[second:]
