"""Subscribing a participant to a case's notifications, choosing a subscription's
language, and unsubscribing.

The portal calls ``subscribe`` when a participant asks to be told, and
``subscription_language_set`` when they choose another language for one subscription's
messages; the one-click link in every message calls ``unsubscribe``. Each raises
``InvalidInput`` naming the field on bad input, and then writes nothing.

A subscription keeps the language it was given (the page's language when the person
subscribed) until someone changes that subscription's language on purpose. Changing the
language of the screen does not change it: a participant's code is often shared by a
family (a detained man's sister follows his case with his code), so one person's screen
must not rewrite the messages another person reads.
"""

from __future__ import annotations

import datetime as dt
import secrets
import string

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from expediente.docket.errors import NotFound
from expediente.docket.models import Participation
from expediente.docket.services.rows import hold_case
from expediente.notify.addresses import (
    normalise_email,
    normalise_phone,
    normalise_webhook_url,
    refuse,
)
from expediente.notify.models import Channel, Delivery, Subscription


def subscribe(
    *,
    participation: Participation,
    channel: str,
    address: str,
    language: str,
    consent: bool,
    consent_text_version: str,
    now: dt.datetime | None = None,
    code_id: int | None = None,
) -> Subscription:
    """Tell ``participation``'s holder about every new entry in their case (and the
    deadline alerts meant for their role) through ``channel``.

    ``address``: an email address (``email``), a phone number with its country code
    (``sms``, stored as E.164), an https URL with public addresses only (``webhook``),
    ignored for ``inbox``. ``language``: one of settings.LANGUAGES. ``consent`` must be
    True and ``consent_text_version`` names the consent text the person agreed to.

    Subscribing again to the same channel and address renews the consent and the
    language and reactivates it. Only entries recorded from now on are notified.
    Webhook subscriptions get a ``secret`` (to verify signatures: show it to the
    subscriber once). ``code_id``: the participant code of the portal session that asks
    (revoking it stops the subscription: ``stop_made_with``). Raises ``InvalidInput``
    naming the field; nothing is written then.
    """
    if channel not in Channel.values:
        raise refuse(
            "channel", _("Choose one of: %(choices)s.") % {"choices": ", ".join(Channel.values)}
        )
    normalised = _address(channel, address, participation)
    _check_language(language)
    if consent is not True:
        raise refuse("consent", _("Tick the box to agree to receive these messages."))
    version = (consent_text_version or "").strip()
    if not version or len(version) > 40:
        raise refuse("consent_text_version", _("Name the consent text shown (1 to 40 characters)."))
    now = now or timezone.now()
    with transaction.atomic():
        # Hold the case as event_record does: an entry is either recorded before this
        # subscription (and not notified to it) or after (and notified), never lost.
        case = hold_case(participation.case_id)
        existing = Subscription.objects.filter(
            case=case, participant=participation.uid, channel=channel, address=normalised
        ).first()
        sub = existing or Subscription(
            case=case,
            participant=participation.uid,
            channel=channel,
            address=normalised,
            unsubscribe_token=secrets.token_urlsafe(32),
            stop_token=stop_token(),
            secret=secrets.token_hex(32) if channel == Channel.WEBHOOK else "",
            created_at=now,
        )
        if existing is not None and not existing.active:
            sub.unsubscribe_token = secrets.token_urlsafe(32)
            sub.stop_token = stop_token()
            sub.from_seq = case.last_seq
        elif existing is None:
            sub.from_seq = case.last_seq
        if not sub.stop_token:  # made before SMS had a short link
            sub.stop_token = stop_token()
        sub.language = language
        sub.consent_at = now
        sub.consent_text_version = version
        sub.active = True
        sub.ended_at = None
        sub.code_id = code_id
        sub.save()
    return sub


STOP_ALPHABET = string.ascii_letters + string.digits
STOP_LENGTH = 12  # 62**12: about 71 bits


def stop_token() -> str:
    """A new token for an SMS's short link to stop the messages (``/s/<token>``): random
    letters and digits, nothing from the case or the person, about 71 bits (guessing one
    of a million live links would take some 10**15 tries)."""
    return "".join(secrets.choice(STOP_ALPHABET) for _ in range(STOP_LENGTH))


def stop_made_with(code_ids: list[int], now: dt.datetime) -> int:
    """Stop the active subscriptions asked for through these participant codes (they are
    being revoked: a leaked code must not keep telling someone about the case), and
    cancel, in the same transaction, what was queued for them and not sent yet (a
    retry waiting for its turn included): a slow worker sends nothing more to the
    code's holder. How many subscriptions were stopped."""
    if not code_ids:
        return 0
    with transaction.atomic():
        stopped = Subscription.objects.filter(code_id__in=code_ids, active=True).update(
            active=False, ended_at=now
        )
        Delivery.objects.filter(
            subscription__code_id__in=code_ids, status=Delivery.Status.QUEUED
        ).update(status=Delivery.Status.CANCELLED, cancelled_because=Delivery.Why.CODE_WITHDRAWN)
    return stopped


def why_stopped(sub: Subscription) -> str:
    """Why an ended subscription ended (``Delivery.Why``): its access code was withdrawn
    (``stop_made_with`` ends it at the moment the code is revoked), or it was stopped."""
    code = sub.code
    if code is not None and code.revoked_at is not None and code.revoked_at == sub.ended_at:
        return str(Delivery.Why.CODE_WITHDRAWN)
    return str(Delivery.Why.STOPPED)


def _check_language(language: str) -> None:
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise refuse(
            "language",
            _("Choose one of the languages: %(choices)s.")
            % {"choices": ", ".join(code for code, _name in settings.LANGUAGES)},
        )


def subscription_language_set(
    *, participation: Participation, subscription: int, language: str
) -> Subscription:
    """Write the messages of one of ``participation``'s active subscriptions in
    ``language`` from the next one on (messages already queued keep theirs).

    Only that subscription changes: the others of the same participation (another
    channel, or another family member's phone) keep their own language. Raises
    ``NotFound`` for a subscription that is not an active one of ``participation``, and
    ``InvalidInput`` naming ``language`` for a language the site does not offer; nothing
    is written then."""
    with transaction.atomic():
        sub = _own_active_locked(participation, subscription)
        _check_language(language)
        if sub.language != language:
            sub.language = language
            sub.save(update_fields=["language"])
    return sub


def _address(channel: str, address: str, participation: Participation) -> str:
    if channel == Channel.INBOX:
        return participation.uid
    if not (address or "").strip():
        raise refuse("address", _("Enter the address to send the messages to."))
    if len(address) > 500:
        raise refuse("address", _("The address is too long (at most 500 characters)."))
    if channel == Channel.EMAIL:
        return normalise_email(address)
    if channel == Channel.SMS:
        return normalise_phone(address)
    return normalise_webhook_url(address)


def unsubscribe(*, token: str, now: dt.datetime | None = None) -> Subscription:
    """Stop a subscription by the secret token in its messages' footer. Unsent
    deliveries to it are cancelled. Unsubscribing twice is harmless.
    Raises ``InvalidInput`` (field ``token``) for an unknown token."""
    sub = Subscription.objects.filter(unsubscribe_token=token).first()
    if sub is None:
        raise refuse("token", _("This unsubscribe link is not valid."))
    return _stop(sub, now)


def unsubscribe_by_sms_link(*, token: str, now: dt.datetime | None = None) -> Subscription:
    """``unsubscribe`` by the short token of an SMS's link (``/s/<token>``). Raises
    ``InvalidInput`` (field ``token``) for an unknown token."""
    sub = Subscription.objects.filter(stop_token=token).first() if token else None
    if sub is None:
        raise refuse("token", _("This unsubscribe link is not valid."))
    return _stop(sub, now)


def subscription_stop(
    *, participation: Participation, subscription: int, now: dt.datetime | None = None
) -> Subscription:
    """Stop one of ``participation``'s active subscriptions from the portal's case page
    (the inbox's messages carry no link), and queue one last message to its address
    saying so and how to restart them (``outbox.queue_stopped``: whoever holds the code
    may stop them, and the address's owner is to know). Raises ``NotFound`` for a
    subscription that is not an active one of ``participation``."""
    from expediente.notify.outbox import queue_stopped  # outbox reads this module's peers

    now = now or timezone.now()
    with transaction.atomic():
        sub = _own_active_locked(participation, subscription)
        _stop(sub, now)
        queue_stopped(sub, now=now)
    return sub


def _own_active_locked(participation: Participation, subscription: int) -> Subscription:
    """One of ``participation``'s active subscriptions, its row locked (inside a
    transaction); ``NotFound`` for any other."""
    sub = (
        Subscription.objects.select_for_update()
        .filter(
            pk=subscription,
            case_id=participation.case_id,
            participant=participation.uid,
            active=True,
        )
        .first()
    )
    if sub is None:
        raise NotFound(f"no subscription {subscription!r}")
    return sub


def _stop(sub: Subscription, now: dt.datetime | None) -> Subscription:
    """End the subscription and cancel what was not sent to it yet (harmless twice)."""
    if sub.active:
        with transaction.atomic():
            sub.active = False
            sub.ended_at = now or timezone.now()
            sub.save(update_fields=["active", "ended_at"])
            Delivery.objects.filter(subscription=sub, status=Delivery.Status.QUEUED).update(
                status=Delivery.Status.CANCELLED, cancelled_because=Delivery.Why.STOPPED
            )
    return sub


def subscriptions_of(participation: Participation) -> list[Subscription]:
    """The participant's active subscriptions in their case, for the portal to list."""
    return list(
        Subscription.objects.filter(
            case_id=participation.case_id, participant=participation.uid, active=True
        ).order_by("channel", "address")
    )
