"""Review: every subscriber of a case was sent "Case …: Death in custody" by SMS and
email. Now the person's own subscription and those who speak for them (the guardian
standing for them, the defence acting for them) are told that the court has recorded
important news about the person's custody and to contact the court or open the portal,
where the page says it plainly; a victim is told only that the accused is no longer held
in this case and that the court can tell her more. A correction saying the death was
recorded by mistake tells everyone the person is held as before."""

from __future__ import annotations

import pytest

from expediente.notify.models import Notification
from expediente.notify.rendering import text_for
from tests.conftest import NOW

pytestmark = pytest.mark.django_db

WHEN = NOW.replace(hour=12)


def _person(given: str) -> dict[str, str]:
    return {"given_names": given, "family_names": "Solís", "sex": "unknown"}


@pytest.fixture
def followed(accused_case, follow, record):
    """P1 accused, held; P2 the victim; P3 a public defender (acts for every accused);
    P4 P1's guardian; each follows the case, in Spanish and in English."""
    for role, given in (("public_defender", "Rosa"), ("guardian", "María")):
        record(accused_case, "participant.added", {"role": role, "person": _person(given)})
    record(accused_case, "participant.stands_for", {"guardian": "P4", "stands_for": "P1"})
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=NOW.replace(day=1))
    for uid in ("P1", "P2", "P3", "P4"):
        follow(accused_case, uid, "email", f"{uid.lower()}@example.org", language="es")
        follow(accused_case, uid, "sms", "+50688880000", language="en")
    return accused_case


def _texts(uid: str, language: str, what: str = "custody.died") -> str:
    notification = Notification.objects.filter(what=what).latest("pk")
    text = text_for(notification.rendered, language, uid)
    return " ".join([text["subject"], text["body"], text["sms"]])


@pytest.mark.parametrize("uid", ["P1", "P3", "P4"])
def test_the_person_s_side_is_told_there_is_important_news_and_to_contact_the_court(
    followed, record, uid
):
    record(followed, "custody.died", {"person": "P1"}, occurred_at=WHEN)
    en = _texts(uid, "en")
    assert "has recorded important news about the custody of José Pérez Mora" in en
    assert "Please contact the court, or open the portal" in en
    assert "Death in custody" not in en
    assert "died" not in en.lower()
    es = _texts(uid, "es")
    assert "ha registrado una noticia importante sobre la custodia de José Pérez Mora" in es
    assert "Fallecimiento" not in es
    assert "falleci" not in es.lower()


def test_a_victim_is_told_only_that_the_accused_is_no_longer_held(followed, record):
    record(followed, "custody.died", {"person": "P1"}, occurred_at=WHEN)
    en = _texts("P2", "en")
    assert "José Pérez Mora is no longer held in custody in case" in en
    assert "The court can tell you more." in en
    assert "Death in custody" not in en
    assert "died" not in en.lower()
    assert "important news" not in en
    es = _texts("P2", "es")
    assert "José Pérez Mora ya no está bajo custodia en el expediente" in es
    assert "falleci" not in es.lower()


def test_a_death_taken_back_tells_everyone_the_person_is_held_as_before(followed, record):
    seq = record(followed, "custody.died", {"person": "P1"}, occurred_at=WHEN).event.seq
    record(
        followed,
        "custody.died",
        {"person": "P1", "in_error": True},
        occurred_at=WHEN,
        corrects_seq=seq,
    )
    for uid in ("P1", "P2", "P4"):
        en = _texts(uid, "en")
        assert "José Pérez Mora is held in custody as before" in en
        assert "died" not in en.lower()
        assert "no longer held" not in en
    assert "sigue bajo custodia como antes" in _texts("P2", "es")
