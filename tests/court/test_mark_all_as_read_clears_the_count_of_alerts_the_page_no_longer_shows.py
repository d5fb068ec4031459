"""Review: the menu counted every unread alert of the account, but the alerts page lists
only those of cases it may still see and offered "Mark all as read" only when one of
those was unread, so an alert of a case the judge no longer sees (moved to another
court) kept the count up for good. The button shows whenever the menu counts something,
and marks every alert of the account read."""

from expediente.access.models import Membership, User
from tests.court.test_a_judge_reads_their_deadline_alerts_and_chooses_email import (  # noqa: F401
    alerted,
    judge_browser,
)

UNREAD = 'visually-hidden"> unread'


def test_the_judge_moved_to_another_court_can_clear_the_count(alerted, judge_browser, other_court):  # noqa: F811
    user = User.objects.get(username="esteban.judge")
    Membership.objects.filter(user=user).update(active=False)
    Membership.objects.create(user=user, court=other_court, role="judge")
    html = judge_browser.get("/court/alerts/").content.decode()
    assert alerted.number not in html  # the case is no longer theirs to see
    assert UNREAD in html
    assert "Mark all as read" in html
    assert judge_browser.post("/court/alerts/").status_code == 302
    html = judge_browser.get("/court/alerts/").content.decode()
    assert UNREAD not in html
    assert "Mark all as read" not in html
