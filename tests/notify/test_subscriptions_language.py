"""``subscription_language_set``: one subscription's messages change language, and only
that subscription's; bad input names the field and writes nothing."""

from __future__ import annotations

import pytest

from expediente.docket.errors import InvalidInput, NotFound
from expediente.notify.models import Subscription
from expediente.notify.subscriptions import subscription_language_set, unsubscribe
from tests.notify.conftest import participation


def test_only_the_chosen_subscription_changes(accused_case, follow):  # type: ignore[no-untyped-def]
    his = follow(accused_case, "P1", "sms", "+506 8888 0001")
    hers = follow(accused_case, "P1", "sms", "+506 8888 0002")
    inbox = follow(accused_case, "P1", "inbox")
    subscription_language_set(
        participation=participation(accused_case, "P1"), subscription=hers.pk, language="pt"
    )
    languages = dict(Subscription.objects.values_list("pk", "language"))
    assert languages == {his.pk: "es", hers.pk: "pt", inbox.pk: "es"}


def test_a_language_not_offered_is_refused_naming_the_field(accused_case, follow):  # type: ignore[no-untyped-def]
    sub = follow(accused_case, "P1", "sms", "+506 8888 0001")
    with pytest.raises(InvalidInput) as refused:
        subscription_language_set(
            participation=participation(accused_case, "P1"), subscription=sub.pk, language="xx"
        )
    assert [e["field"] for e in refused.value.errors] == ["language"]
    sub.refresh_from_db()
    assert sub.language == "es"


def test_another_participations_or_an_ended_subscription_is_not_found(accused_case, follow):  # type: ignore[no-untyped-def]
    victims = follow(accused_case, "P2", "sms", "+506 8888 0002")
    ended = follow(accused_case, "P1", "sms", "+506 8888 0001")
    unsubscribe(token=ended.unsubscribe_token)
    for sub in (victims, ended):
        with pytest.raises(NotFound):
            subscription_language_set(
                participation=participation(accused_case, "P1"), subscription=sub.pk, language="en"
            )
    assert set(Subscription.objects.values_list("language", flat=True)) == {"es"}
