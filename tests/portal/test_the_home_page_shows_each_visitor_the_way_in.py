"""From the home page a family gets to their case: the participants' portal (/follow/,
with the code from the court's notice) is the first and most prominent way in; the
public case lookup and calendars, the statistics, lawyers' accounts and the court's
workspace follow. Messages to participants point at the participants' portal too."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from expediente.notify.rendering import portal_url, render_event
from expediente.rules.loader import load_pack


def main_of(body: str) -> str:
    return body.split('<main id="main">', 1)[1].split("</main>", 1)[0]


def hrefs(fragment: str) -> list[str]:
    return re.findall(r'<a [^>]*href="([^"]+)"', fragment)


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_home_page_links_to_the_participants_portal_first(
    client: Client, court: Any, language: str
) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    main = main_of(response.content.decode())
    assert hrefs(main)[:5] == ["/follow/", "/public/", "/stats/", "/my/", "/court/"]
    cta = re.search(r'<a class="cta" href="/follow/">([^<]+)</a>', main)
    assert cta, "the way in for families is not the page's call to action"
    with translation.override(language):
        assert cta.group(1) == gettext("Follow your case with the code from the court's notice")


def test_each_way_in_leads_somewhere(client: Client, court: Any) -> None:
    main = main_of(client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode())
    for href in hrefs(main)[:5]:
        response = client.get(href, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code in (200, 302), href  # /my/ and /court/ ask to sign in


def test_the_home_page_says_who_each_way_in_is_for(client: Client, court: Any) -> None:
    main = main_of(client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode())
    for words in (
        "Follow your case with the code from the court's notice",
        "Find a public case and the court calendars",
        "Statistics from the court records",
        "Lawyers and registered users: sign in with your account",
        "Court staff: sign in to the court workspace",
    ):
        assert words in main


def test_a_message_sends_the_participant_to_the_participants_portal(
    settings: Any, accused_case: Any
) -> None:
    settings.NOTIFY_BASE_URL = "https://tribunal.example/expediente/"
    assert portal_url() == "https://tribunal.example/expediente/follow/"
    event = accused_case.events.order_by("-seq").first()
    message = render_event(accused_case, event, load_pack(accused_case.court.rule_pack), "en")
    link = "You can see the case in the portal: https://tribunal.example/expediente/follow/"
    assert link in message["body"]
