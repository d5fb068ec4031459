"""Two submissions of the same page arriving at the same moment (a double click on a
slow link) record one entry, and both are answered with the case page, not with a
"case changed" refusal: the second one waited for the first, found its key, and replays."""

import threading

import pytest
from django.db import connection
from django.test import Client

from expediente.docket.models import Event
from tests.court.forms.helpers import drawn, record_url

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

CLICKS = 4


def test_simultaneous_submissions_of_one_page_record_one_entry(staff_client, accused_case):
    url = record_url(accused_case, "note.added")
    values = drawn(staff_client.get(url)) | {"text": "Clicked twice."}
    barrier = threading.Barrier(CLICKS)
    statuses: list[int] = []

    def click() -> None:
        browser = Client(HTTP_ACCEPT_LANGUAGE="en")
        browser.cookies = staff_client.cookies
        try:
            barrier.wait(timeout=10)
            statuses.append(browser.post(url, values).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(CLICKS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert statuses == [302] * CLICKS
    assert Event.objects.filter(case=accused_case, type="note.added").count() == 1
