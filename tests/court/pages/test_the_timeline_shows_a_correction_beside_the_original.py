import re

from tests.court.pages.conftest import case_url

FIXED = {
    "role": "accused",
    "person": {"given_names": "José", "family_names": "Pérez Mora", "id_number": "1-0234-0568"},
}


def _entry(html, seq):
    match = re.search(rf'<article[^>]*id="event-{seq}".*?</article>', html, re.S)
    assert match, f"no timeline entry #{seq}"
    return match.group(0)


def test_every_event_is_in_the_timeline_with_its_label(clerk_client, page, accused_case):
    html = page(clerk_client, case_url(accused_case))
    for seq, label in [(1, "Case opened"), (2, "Participant added"), (4, "Charge filed")]:
        assert label in _entry(html, seq)


def test_the_original_is_kept_and_marked_corrected(clerk_client, page, accused_case, record):
    record(accused_case, "participant.added", FIXED, corrects_seq=2)
    html = page(clerk_client, case_url(accused_case))
    original = _entry(html, 2)
    assert "1-0234-0567" in original  # what it said, never hidden
    assert "Corrected by" in original
    assert 'href="#event-5"' in original
    correction = _entry(html, 5)
    assert "Corrects #2" in correction
    assert "1-0234-0568" in correction


def test_the_correction_is_listed_right_after_the_original(
    clerk_client, page, accused_case, record
):
    record(accused_case, "note.added", {"text": "Una nota"})
    record(accused_case, "participant.added", FIXED, corrects_seq=2)
    html = page(clerk_client, case_url(accused_case))
    order = [int(n) for n in re.findall(r'<article[^>]*id="event-(\d+)"', html)]
    assert order == [1, 2, 6, 3, 4, 5]


def test_payload_fields_are_shown_with_labels_and_names(clerk_client, page, accused_case, record):
    record(
        accused_case, "custody.arrested", {"person": "P1", "place": "Calle 5", "flagrante": True}
    )
    entry = _entry(page(clerk_client, case_url(accused_case)), 5)
    assert "Arrest" in entry
    assert "José Pérez Mora, Accused" in entry  # the participant id, as a name with role
    assert "Place" in entry
    assert "Caught in the act" in entry


def test_it_says_who_recorded_each_entry_and_when(
    clerk_client, page, accused_case, record, staff_user
):
    html = page(clerk_client, case_url(accused_case))
    assert "Recorded by clerk on" in _entry(html, 1)  # the test clerk is a system account


def test_times_are_in_the_courts_time_zone(clerk_client, page, accused_case, record, at):
    record(accused_case, "note.added", {"text": "x"}, occurred_at=at(5, hour=16))  # 16:00 UTC
    assert "10:00" in _entry(page(clerk_client, case_url(accused_case)), 5)  # UTC-6


def test_a_hearing_is_named_by_its_kind(clerk_client, page, accused_case, record):
    payload = {"hearing": "H1", "kind": "preliminary", "starts_at": "2030-05-06T15:30:00Z"}
    record(accused_case, "hearing.scheduled", payload)
    entry = _entry(page(clerk_client, case_url(accused_case)), 5)
    assert "H1 (preliminary)" in entry
    assert "6 May 2030, 09:30" in entry  # the date in the payload, on the court's clock


def test_only_the_latest_version_of_an_entry_offers_a_correction(
    clerk_client, page, accused_case, record
):
    # correcting #2 again started from what #2 first said, undoing correction #5
    record(accused_case, "participant.added", FIXED, corrects_seq=2)
    html = page(clerk_client, case_url(accused_case))
    assert "/events/2/correct/" not in _entry(html, 2)
    assert "/events/5/correct/" in _entry(html, 5)
    response = clerk_client.get(f"{case_url(accused_case)}events/2/correct/", follow=True)
    assert response.redirect_chain[-1][0].endswith("/events/5/correct/")
    form = response.content.decode()
    assert "Entry #2 was corrected by #5: you are correcting #5." in form
    assert 'value="1-0234-0568"' in form  # the corrected number, not the first one


def test_the_correction_form_names_who_recorded_the_entry(
    clerk_client, accused_case, record, staff_user
):
    from expediente.access.policy import Actor

    record(accused_case, "note.added", {"text": "Una nota"}, actor=Actor.staff(staff_user))
    html = clerk_client.get(f"{case_url(accused_case)}events/5/correct/").content.decode()
    recorded = re.search(r"<dt>Recorded by</dt><dd>(.*?)</dd>", html)
    assert recorded, "the form does not say who recorded the entry"
    assert recorded.group(1).startswith("María, ")  # her name, not her account's user name
