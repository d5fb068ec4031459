"""The record form is generated from the pack's field specs: each type gets its input."""

import re

from tests.court.forms.helpers import record_url


def page(client, case, type_name):
    response = client.get(record_url(case, type_name))
    assert response.status_code == 200
    return response.content.decode()


def tag(html, name):
    """The input, select or textarea named so."""
    found = re.search(rf'<(input|select|textarea)[^>]*name="{re.escape(name)}"[^>]*>', html)
    assert found, f"no field {name}"
    return found.group(0)


def options(html, name):
    block = re.search(rf'<select[^>]*name="{re.escape(name)}".*?</select>', html, re.S)
    assert block, f"no select {name}"
    return [
        (value, label.strip())
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', block[0])
    ]


def test_text_becomes_a_text_input_with_its_maximum_length(staff_client, accused_case):
    html = page(staff_client, accused_case, "hearing.scheduled")
    assert 'type="text"' in tag(html, "courtroom")
    assert 'maxlength="100"' in tag(html, "courtroom")


def test_long_text_becomes_a_text_area(staff_client, accused_case):
    html = page(staff_client, accused_case, "custody.pretrial_ordered")
    assert tag(html, "grounds").startswith("<textarea")


def test_a_yes_or_no_becomes_a_checkbox(staff_client, accused_case, record):
    from tests.court.forms.helpers import to_trial

    to_trial(accused_case, record)
    html = page(staff_client, accused_case, "verdict.delivered")
    assert 'type="checkbox"' in tag(html, "custodial")


def test_yes_or_no_fields_of_which_one_may_be_true_become_one_question(staff_client, accused_case):
    html = page(staff_client, accused_case, "custody.arrested")
    assert 'type="radio"' in tag(html, "how")
    assert 'name="flagrante"' not in html


def test_a_whole_number_becomes_a_number_input_with_its_limits(staff_client, accused_case, record):
    from tests.court.forms.helpers import to_trial

    to_trial(accused_case, record)
    field = tag(page(staff_client, accused_case, "verdict.delivered"), "sentence_months")
    assert 'type="number"' in field
    assert 'min="1"' in field
    assert 'max="1200"' in field


def test_a_date_becomes_a_date_input(staff_client, accused_case):
    html = page(staff_client, accused_case, "custody.pretrial_ordered")
    assert 'type="date"' in tag(html, "until")


def test_a_date_and_time_becomes_a_local_input_on_the_court_clock(staff_client, accused_case):
    html = page(staff_client, accused_case, "hearing.scheduled")
    assert 'type="datetime-local"' in tag(html, "starts_at")
    hint = re.search(r'<p class="hint" id="id_starts_at_helptext">(.*?)</p>', html)
    assert hint
    assert "America/Costa_Rica" in hint.group(1)


def test_a_choice_becomes_a_select_with_readable_options(staff_client, accused_case):
    choices = options(page(staff_client, accused_case, "hearing.not_held"), "reason")
    assert choices[0] == ("", "Choose…")
    assert ("accused_absent", "The accused did not come") in choices
    assert ("other", "Other") in choices


def test_a_participant_is_chosen_among_those_with_the_right_role(staff_client, accused_case):
    choices = options(page(staff_client, accused_case, "custody.arrested"), "person")
    assert choices == [("", "Choose…"), ("P1", "José Pérez Mora — Accused (P1)")]


def test_a_participant_of_any_listed_role_may_be_chosen(staff_client, accused_case, record):
    from tests.court.forms.helpers import to_trial

    to_trial(accused_case, record)
    record(accused_case, "verdict.delivered", {"accused": "P1", "outcome": "convicted"})
    choices = options(page(staff_client, accused_case, "appeal.filed"), "appellant")
    assert [value for value, _ in choices] == ["", "P1", "P2"]
    assert ("P2", "Ana Rojas Vargas — Victim (P2)") in choices


def test_with_no_one_of_the_right_role_the_form_says_so(staff_client, case):
    html = page(staff_client, case, "custody.arrested")
    assert "No one in this case has the role Accused yet" in html


def test_every_field_has_a_visible_label(staff_client, accused_case):
    html = page(staff_client, accused_case, "hearing.scheduled")
    for name, label in (
        ("hearing", "Hearing"),
        ("kind", "Kind of hearing"),
        ("starts_at", "Date and time"),
        ("courtroom", "Courtroom"),
        ("occurred_at", "When did it happen?"),
    ):
        assert f'<label for="id_{name}">{label}' in html


def test_when_it_happened_defaults_to_now_on_the_court_clock(staff_client, accused_case):
    import datetime as dt
    from zoneinfo import ZoneInfo

    html = page(staff_client, accused_case, "note.added")
    value = re.search(r'name="occurred_at" value="([^"]+)"', html)
    assert value
    shown = dt.datetime.fromisoformat(value.group(1)).replace(tzinfo=ZoneInfo("America/Costa_Rica"))
    assert abs(dt.datetime.now(dt.UTC) - shown) < dt.timedelta(minutes=2)


def test_the_next_hearing_name_is_suggested(staff_client, accused_case, record):
    html = page(staff_client, accused_case, "hearing.scheduled")
    assert 'value="H1"' in tag(html, "hearing")
    record(
        accused_case,
        "hearing.scheduled",
        {"hearing": "H1", "kind": "trial", "starts_at": "2026-12-10T15:30:00Z"},
    )
    html = page(staff_client, accused_case, "hearing.scheduled")
    assert 'value="H2"' in tag(html, "hearing")


def test_other_hearing_forms_choose_among_the_scheduled_hearings(
    staff_client, accused_case, record
):
    record(
        accused_case,
        "hearing.scheduled",
        {"hearing": "H1", "kind": "trial", "starts_at": "2026-12-10T15:30:00Z"},
    )
    html = page(staff_client, accused_case, "hearing.held")
    assert tag(html, "hearing").startswith("<select")
    assert [value for value, _label in options(html, "hearing")] == ["", "H1"]
    assert options(html, "hearing")[1][1].startswith("H1 — Trial, ")


def test_the_page_has_no_inline_script_or_style(staff_client, accused_case):
    html = page(staff_client, accused_case, "hearing.scheduled")
    assert "<script" not in html
    assert "style=" not in html
    assert "<style" not in html
