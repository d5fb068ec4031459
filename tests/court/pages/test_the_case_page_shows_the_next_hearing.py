import datetime as dt

from django.utils import timezone

from tests.court.pages.conftest import case_url

# A hearing years ahead whatever day the tests run (at most five years ahead can be
# scheduled): 6 May four years from now, 09:30 in San José.
FUTURE = dt.datetime(timezone.now().year + 4, 5, 6, 15, 30, tzinfo=dt.UTC)


def test_it_shows_the_next_scheduled_hearing(clerk_client, page, accused_case, record):
    record(
        accused_case,
        "hearing.scheduled",
        {
            "hearing": "H1",
            "kind": "preliminary",
            "starts_at": FUTURE.isoformat(),
            "courtroom": "Sala 2",
        },
    )
    html = page(clerk_client, case_url(accused_case))
    section = html.split("Next hearing", 1)[1].split("</section>", 1)[0]
    assert "09:30" in section
    assert str(FUTURE.year) in section
    assert "preliminary" in section
    assert "Sala 2" in section


def test_a_rescheduled_hearing_shows_its_new_date(clerk_client, page, accused_case, record):
    record(
        accused_case,
        "hearing.scheduled",
        {"hearing": "H1", "kind": "trial", "starts_at": FUTURE.isoformat()},
    )
    later = FUTURE + dt.timedelta(days=30)
    record(
        accused_case,
        "hearing.rescheduled",
        {"hearing": "H1", "starts_at": later.isoformat(), "reason": "Defensa enferma"},
    )
    section = page(clerk_client, case_url(accused_case)).split("Next hearing", 1)[1]
    section = section.split("</section>", 1)[0]
    assert f"5 June {FUTURE.year}" in section


def test_without_hearings_it_says_none_is_scheduled(clerk_client, page, accused_case):
    assert "No hearing is scheduled." in page(clerk_client, case_url(accused_case))
