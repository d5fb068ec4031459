"""A consular entry (it says that the person is a foreign national) is sent to the person
it names, the guardian the docket records as standing for them and the defence it
records as acting for them; not to the lawyer of a co-accused, nor to a guardian with
nothing recorded. A lawyer of the defence for whom nothing is recorded is still sent it,
as before the record existed (``custody.consular.may_read_entry``)."""

import pytest

from expediente.notify.models import Delivery, Notification

CO_ACCUSED = {"given_names": "Carlos", "family_names": "Soto Mena", "sex": "male"}


def _person(given: str) -> dict[str, str]:
    return {"given_names": given, "family_names": "Solís", "sex": "unknown"}


@pytest.fixture
def followed(accused_case, follow, record):
    """P1 and P3 accused, P2 the victim; P4 the lawyer of P3 only, P5 a public defender
    with nothing recorded, P6 P1's guardian, P7 a guardian with nothing recorded."""
    record(accused_case, "participant.added", {"role": "accused", "person": CO_ACCUSED})
    record(accused_case, "participant.added", {"role": "defence", "person": _person("Elena")})
    record(
        accused_case, "participant.added", {"role": "public_defender", "person": _person("Rosa")}
    )
    record(accused_case, "participant.added", {"role": "guardian", "person": _person("María")})
    record(accused_case, "participant.added", {"role": "guardian", "person": _person("Marta")})
    record(accused_case, "participant.acts_for", {"counsel": "P4", "accused": "P3"})
    record(accused_case, "participant.stands_for", {"guardian": "P6", "stands_for": "P1"})
    for uid in ("P1", "P2", "P3", "P4", "P5", "P6", "P7"):
        follow(accused_case, uid, "email", f"{uid.lower()}@example.org")
    return accused_case


def _addresses() -> list[str]:
    """Who was sent the consular entry (the others are sent to everyone)."""
    told = Delivery.objects.filter(notification__what="consular.rights_informed")
    return sorted(told.values_list("address", flat=True))


def test_it_reaches_the_person_their_guardian_and_the_defence_acting_for_them(followed, record):
    record(followed, "consular.rights_informed", {"person": "P1", "requested": True})
    assert Notification.objects.filter(what="consular.rights_informed").count() == 1
    assert _addresses() == ["p1@example.org", "p5@example.org", "p6@example.org"]


def test_once_the_public_defender_is_recorded_for_the_co_accused_she_is_not_sent_it(
    followed, record
):
    record(followed, "participant.acts_for", {"counsel": "P5", "accused": "P3"})
    record(followed, "consular.rights_informed", {"person": "P1", "requested": True})
    assert _addresses() == ["p1@example.org", "p6@example.org"]


def test_the_lawyer_of_the_co_accused_is_sent_what_concerns_her_client(followed, record):
    record(followed, "consular.rights_informed", {"person": "P3", "requested": False})
    assert _addresses() == ["p3@example.org", "p4@example.org", "p5@example.org"]
