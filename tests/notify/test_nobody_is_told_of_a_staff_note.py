"""Review: a staff note (``note.added``) was sent to every subscriber of the case ("Case
…: Note"), though no participant's page shows it: they were told of an entry they could
not read. Nobody is told of a note now, nor of its correction (``access/readable.py``,
the rule the page and its count of what is new follow too); the next entry they may
read reaches them as before."""

from expediente.notify.models import Delivery, Notification

HEARING = {"hearing": "H1", "kind": "preliminary", "starts_at": "2026-04-02T09:00:00-06:00"}


def test_a_subscriber_is_not_told_of_a_note_nor_of_its_correction(accused_case, follow, record):
    follow(accused_case, "P1", "email", "jose@example.org")
    follow(accused_case, "P2", "inbox")
    note = record(accused_case, "note.added", {"text": "Llamar a la fiscalía."})
    record(
        accused_case,
        "note.added",
        {"text": "Llamar a la fiscalía hoy."},
        corrects_seq=note.event.seq,
    )
    assert not Notification.objects.exists()
    assert not Delivery.objects.exists()


def test_the_next_entry_they_may_read_reaches_them(accused_case, follow, record):
    follow(accused_case, "P1", "email", "jose@example.org")
    follow(accused_case, "P2", "inbox")
    record(accused_case, "note.added", {"text": "Llamar a la fiscalía."})
    record(accused_case, "hearing.scheduled", HEARING)
    assert list(Notification.objects.values_list("what", flat=True)) == ["hearing.scheduled"]
    assert sorted(Delivery.objects.values_list("channel", "address")) == [
        ("email", "jose@example.org"),
        ("inbox", "P2"),  # the inbox is addressed by participant
    ]
