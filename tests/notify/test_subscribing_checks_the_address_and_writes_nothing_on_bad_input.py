"""subscribe() refuses a bad channel, address, language or missing consent with an
error naming the field, and then writes nothing; good addresses are normalised."""

import pytest

from expediente.docket.errors import InvalidInput
from expediente.notify.models import Subscription
from expediente.notify.subscriptions import subscribe
from tests.notify.conftest import participation


def attempt(case, **overrides):
    fields = {
        "participation": participation(case, "P2"),
        "channel": "email",
        "address": "ana@example.org",
        "language": "es",
        "consent": True,
        "consent_text_version": "2026-03",
    }
    fields.update(overrides)
    return subscribe(**fields)


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"channel": "pigeon"}, "channel", "Choose one of"),
        ({"address": "ana at example"}, "address", "email address"),
        ({"address": "   "}, "address", "Enter the address"),
        # a 306-character address made the participant's page 3,350 px wide
        ({"address": "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".org"}, "address", "254"),
        ({"channel": "sms", "address": "call me"}, "address", "country code"),
        ({"channel": "sms", "address": "88881234"}, "address", "country code"),
        ({"channel": "sms", "address": "+0 123 456 789"}, "address", "country code"),
        ({"channel": "webhook", "address": "http://93.184.216.34/hook"}, "address", "https://"),
        ({"channel": "webhook", "address": "https://10.0.0.5/hook"}, "address", "private"),
        ({"channel": "webhook", "address": "https://127.0.0.1/hook"}, "address", "private"),
        ({"channel": "webhook", "address": "https://[::1]/hook"}, "address", "private"),
        ({"channel": "webhook", "address": "https://169.254.169.254/x"}, "address", "private"),
        # urlsplit raised ValueError on these: the page answered 500
        ({"channel": "webhook", "address": "https://[::1/"}, "address", "https://host/path"),
        ({"channel": "webhook", "address": "https://[zz]/"}, "address", "https://host/path"),
        ({"channel": "webhook", "address": "https://u:p@93.184.216.34/"}, "address", "user"),
        ({"channel": "webhook", "address": "https://no-such-host.invalid/"}, "address", "found"),
        ({"language": "de"}, "language", "languages"),
        ({"consent": False}, "consent", "agree"),
        ({"consent_text_version": ""}, "consent_text_version", "consent text"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(
    accused_case, settings, overrides, field, words
):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(InvalidInput) as refused:
        attempt(accused_case, **overrides)
    assert refused.value.errors[0]["field"] == field
    assert words in refused.value.errors[0]["message"]
    assert not Subscription.objects.exists()


def test_a_phone_number_is_stored_in_e164_form(accused_case):
    sub = attempt(accused_case, channel="sms", address="+506 8888-1234")
    assert sub.address == "+50688881234"


def test_an_international_prefix_of_00_is_read_as_a_plus(accused_case):
    assert attempt(accused_case, channel="sms", address="00506 8888 1234").address == (
        "+50688881234"
    )


def test_an_email_domain_is_lower_cased(accused_case):
    assert attempt(accused_case, address="Ana.Rojas@Example.ORG").address == (
        "Ana.Rojas@example.org"
    )


def test_a_webhook_to_a_public_address_gets_a_signing_secret(accused_case):
    sub = attempt(accused_case, channel="webhook", address="https://93.184.216.34/hook")
    assert len(sub.secret) == 64
    assert sub.unsubscribe_token


def test_subscribing_twice_renews_the_same_subscription(accused_case):
    first = attempt(accused_case, language="es")
    again = attempt(accused_case, language="en")
    assert again.pk == first.pk
    assert Subscription.objects.get().language == "en"


def test_the_consent_and_its_text_version_are_recorded(accused_case):
    sub = attempt(accused_case, consent_text_version="v7")
    assert sub.consent_text_version == "v7"
    assert sub.consent_at is not None
    assert sub.active
