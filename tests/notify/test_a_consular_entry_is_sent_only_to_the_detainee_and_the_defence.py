"""Review: an entry recording that a detainee was told of the right to consular
notification, or that the consulate was informed, was sent to every subscriber of the
case, the victim among them: it told them the accused is a foreign national. Only the
person it names and the defence are sent it now, as only they read it on the portal
(``custody.consular.may_read_entry``); every other entry still reaches everyone."""

import pytest

from expediente.notify.models import Delivery, Notification


@pytest.fixture
def followed(accused_case, follow, record):
    # P1 accused, P2 victim, P3 defence
    lawyer = {"given_names": "Rosa", "family_names": "Defensora Solís", "sex": "female"}
    record(accused_case, "participant.added", {"role": "defence", "person": lawyer})
    follow(accused_case, "P1", "email", "jose@example.org")
    follow(accused_case, "P2", "email", "ana@example.org")
    follow(accused_case, "P2", "inbox")
    follow(accused_case, "P3", "sms", "+50688881234")
    return accused_case


def _addresses() -> list[str]:
    return sorted(Delivery.objects.values_list("address", flat=True))


@pytest.mark.parametrize(
    "entry",
    [
        ("consular.rights_informed", {"person": "P1", "requested": True}),
        (
            "consular.post_notified",
            {"person": "P1", "consular_post": "Consulado de Nicaragua", "means": "phone"},
        ),
    ],
)
def test_the_victim_is_not_sent_it(followed, record, entry):
    record(followed, *entry)
    assert Notification.objects.count() == 1
    assert _addresses() == ["+50688881234", "jose@example.org"]


def test_a_consular_entry_nobody_may_read_queues_nothing(accused_case, follow, record):
    follow(accused_case, "P2", "email", "ana@example.org")
    record(accused_case, "consular.rights_informed", {"person": "P1", "requested": False})
    assert not Notification.objects.exists()
    assert not Delivery.objects.exists()


def test_another_entry_still_reaches_the_victim(followed, record):
    record(followed, "custody.arrested", {"person": "P1"})
    assert "ana@example.org" in _addresses()
