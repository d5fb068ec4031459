"""HEAD is answered as GET on every page a link can lead to (link checkers, mail
scanners and phones probing a saved link got 405 on all but /follow/)."""

import pytest
from django.test import Client


@pytest.mark.parametrize(
    "path", ["/", "/public/", "/stats/", "/stats/indicators/held_on_day/", "/follow/who-viewed/"]
)
@pytest.mark.django_db
def test_head_gets_what_get_gets_without_a_body(path: str) -> None:
    get = Client().get(path)
    head = Client().head(path)
    assert head.status_code == get.status_code
    assert head.status_code != 405
    assert head.content == b""


@pytest.mark.django_db
def test_head_on_an_unsubscribe_link_stops_nothing() -> None:
    assert Client().head("/notify/unsubscribe/not-a-token/").status_code == 404
