"""An account's email notifications (a lawyer's, from /my/notifications/).

The account gives an email address; nothing is sent to it but one message with a link
to confirm it (``email_change``, ``email_confirm``). Once it is confirmed she may turn
the notifications on (``notices_on``): every participation her account is linked to
**as counsel, as the prosecutor or as a guardian** (``NOTIFIED_ROLES``) gets an ordinary email
``Subscription`` to that address (``subscriptions.subscribe``, marked with
``account``), so what reaches her is what any subscriber of her role is told, through
the same outbox, worker and rendering (a guardian is told what the side of the person
she stands for is told: ``docket/standing.py``).

One rule for the links made later (``counsel_subscriptions_sync``): while they are on,
a link the clerk (or her code) makes subscribes that participation **at link time**
(``access.participant_codes.link_create`` calls ``link_made``), from that moment on.
Turning them off (``notices_off``) stops every subscription the account made and
cancels what was queued for them and not sent. An email's own stop link stops that
case's messages only; turning them on again subscribes every case again.

A subscription to one of the account's addresses for a participation it is linked to
may be older than the account's page (the court's staff subscribed the lawyer's
address, or she did with the participation's code): the page lists it and "off" stops
it too (``account_subscriptions``), since she receives it; turning them on makes one
the staff made the account's (``counsel_subscriptions_sync``). Messages to a
subscription of the account send her to her own page of the case, /my/cases/…
(``rendering.for_account``), not to the participants' portal.

Each function raises ``InvalidInput`` naming the field on bad input and then writes
nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from expediente.access.models import ParticipantLink, User
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Participation
from expediente.docket.professional_roles import LAWYER_ROLES, PROSECUTION_ROLES
from expediente.notify.addresses import normalise_email, refuse
from expediente.notify.channels.base import Message
from expediente.notify.channels.email import send_email
from expediente.notify.models import AccountNotices, Channel, Delivery, Subscription
from expediente.notify.subscriptions import _check_language, subscribe

# the participations whose account may have their notices by email from /my/: counsel
# (the defence of the accused, a victim's lawyer), the prosecution (told what any
# subscriber of its role is: the deadline alerts whose rules name ``prosecutor``, the
# court's entries), and a guardian (her own participation: she is told what the person
# she stands for is told, since the rendering and the alerts follow whom the docket
# records her for, ``docket/standing.py``)
NOTIFIED_ROLES = LAWYER_ROLES | PROSECUTION_ROLES | {"guardian"}
CONSENT_VERSION = "my-2026-3"  # the consent sentence on /my/notifications/ (bump on change)


def notices_of(user: User) -> AccountNotices:
    """The account's settings (unsaved, off and without an address, if never set)."""
    found = AccountNotices.objects.filter(user=user).first()
    return found or AccountNotices(user=user)


def email_change(
    *, user: User, address: str, language: str, now: dt.datetime | None = None
) -> tuple[AccountNotices, str]:
    """Keep ``address`` as the one awaiting confirmation and make a new link for it.
    Returns the row and the link's token (send it with ``send_confirmation``; "" when
    it is the confirmed address already, and nothing is to be sent). Until
    the link is opened nothing else is sent to it; the confirmed address (if any) keeps
    receiving. Raises ``InvalidInput`` (field ``email``) for an address that is not
    one; nothing is written then."""
    if not (address or "").strip():
        raise refuse("email", _("Enter the email address to send the messages to."))
    if len(address) > 254:
        raise refuse("email", _("The address is too long (at most 254 characters)."))
    try:
        normalised = normalise_email(address)
    except InvalidInput:  # it names "address": on this page the field is "email"
        raise refuse("email", _("Enter an email address like name@example.org.")) from None
    _check_language(language)
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        row = AccountNotices.objects.select_for_update().filter(user=user).first()
        row = row or AccountNotices(user=user)
        if row.address == normalised:  # already hers and confirmed: nothing to confirm
            if row.pending:
                row.pending, row.confirm_token = "", None
                row.save()
            return row, ""
        row.pending = normalised
        row.confirm_token = token
        row.confirm_sent_at = now
        row.language = row.language or language
        row.save()
    return row, token


def confirm_url(token: str) -> str:
    path = reverse("portal:my_notifications_confirm", kwargs={"token": token})
    return str(settings.NOTIFY_BASE_URL).rstrip("/") + path


def send_confirmation(row: AccountNotices, token: str, language: str) -> None:
    """Send the one message an unconfirmed address receives: the link to confirm it,
    through the email channel the worker uses. Raises ``SendError`` if the mail server
    did not take it (the page says so; the address stays unconfirmed)."""
    with override(language):
        subject = _("Confirm your email address for Expediente")
        body = "\n\n".join(
            [
                _(
                    "Someone (we hope you) asked that Expediente send the notifications of "
                    "the cases of account %(username)s to this address."
                )
                % {"username": row.user.username},
                _("To confirm it, open this link and press the button: %(url)s")
                % {"url": confirm_url(token)},
                _("If it was not you, do nothing: nothing will be sent to this address."),
            ]
        )
        footer = _("This message was sent once, to confirm the address.")
    send_email(
        Message(
            key=f"confirm:{row.user_id}:{token[:16]}",
            address=row.pending,
            language=language,
            subject=subject,
            body=body,
            footer=footer,
            unsubscribe_url="",
            case_number="",
            kind="confirm",
            what="account.email",
            created_at=timezone.now(),
        )
    )


def pending_for(token: str) -> AccountNotices | None:
    """The account whose address awaits this link, if any."""
    if not token:
        return None
    return AccountNotices.objects.select_related("user").filter(confirm_token=token).first()


def email_confirm(*, token: str, now: dt.datetime | None = None) -> AccountNotices:
    """The link in the confirmation message was followed: the address awaiting it is the
    account's from now on. If notifications are on, the subscriptions move to it (those
    to the old address stop, their unsent messages cancelled). Raises ``InvalidInput``
    (field ``token``) for an unknown or used link."""
    now = now or timezone.now()
    with transaction.atomic():
        row = AccountNotices.objects.select_for_update().filter(confirm_token=token).first()
        if row is None or not token:
            raise refuse("token", _("This confirmation link is not valid."))
        row.address = row.pending
        row.pending = ""
        row.confirm_token = None
        row.confirmed_at = now
        row.save()
        if row.on:
            counsel_subscriptions_sync(row.user, now=now)
    return row


def notices_on(
    *, user: User, language: str, consent: bool, now: dt.datetime | None = None
) -> AccountNotices:
    """Turn the account's email notifications on, in ``language``: every participation
    it is linked to as counsel, as the prosecutor or as a guardian (``NOTIFIED_ROLES``)
    is subscribed (and those linked later, at link time).
    Raises ``InvalidInput``: ``email`` while no address is confirmed, ``consent`` when
    the box is not ticked, ``language``; nothing is written then."""
    _check_language(language)
    now = now or timezone.now()
    with transaction.atomic():
        row = AccountNotices.objects.select_for_update().filter(user=user).first()
        if row is None or not row.address:
            raise refuse(
                "email",
                _(
                    "Confirm your email address first: open the link we sent to it. "
                    "Nothing is sent to an address before it is confirmed."
                ),
            )
        if consent is not True:
            raise refuse("consent", _("Tick the box to agree to receive these messages."))
        row.on = True
        row.language = language
        row.consent_at = now
        row.consent_text_version = CONSENT_VERSION
        row.save()
        counsel_subscriptions_sync(user, now=now, renew=True)
    return row


def notices_off(*, user: User, now: dt.datetime | None = None) -> AccountNotices:
    """Turn them off: every subscription the page lists stops (those the account made,
    and those that send to the account's addresses for the participations it is linked
    to, whoever made them: ``account_subscriptions``), and what was queued for them and
    not sent yet is cancelled, in one transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        row = AccountNotices.objects.select_for_update().filter(user=user).first()
        ids = [s.pk for s in account_subscriptions(user)]
        _stop(Subscription.objects.filter(pk__in=ids), now)
        if row is None:
            return AccountNotices(user=user)
        row.on = False
        row.save(update_fields=["on"])
    return row


def _stop(subs: object, now: dt.datetime) -> None:
    ids = list(subs.values_list("pk", flat=True))  # type: ignore[attr-defined]
    Subscription.objects.filter(pk__in=ids).update(active=False, ended_at=now)
    Delivery.objects.filter(subscription_id__in=ids, status=Delivery.Status.QUEUED).update(
        status=Delivery.Status.CANCELLED, cancelled_because=Delivery.Why.STOPPED
    )


def counsel_links(user: User, link: ParticipantLink | None = None) -> list[Participation]:
    """The participations the account is linked to as counsel, as the prosecutor or as a
    guardian (``NOTIFIED_ROLES``; or only ``link``'s)."""
    links = ParticipantLink.objects.filter(user=user)
    if link is not None:
        links = links.filter(pk=link.pk)
    pairs = list(links.values_list("case_id", "participant"))
    found = []
    for case_id, uid in pairs:
        p = Participation.objects.filter(case_id=case_id, uid=uid, role__in=NOTIFIED_ROLES).first()
        if p is not None:
            found.append(p)
    return found


def counsel_subscriptions_sync(
    user: User,
    *,
    now: dt.datetime | None = None,
    link: ParticipantLink | None = None,
    renew: bool = False,
) -> int:
    """The one rule: while the account's notifications are on, each participation it is
    linked to as counsel, as the prosecutor or as a guardian (``NOTIFIED_ROLES``) has an
    active email subscription to its confirmed address.

    Called when they are turned on (``renew``: cases stopped from an email's link are
    subscribed again, since she asked for all of them), when another address is
    confirmed (subscriptions to the old one stop), and at link time for the new link
    only (``link_made``). A case stopped from an email's link stays stopped otherwise.
    How many subscriptions were made or renewed."""
    row = AccountNotices.objects.filter(user=user).first()
    if row is None or not row.on or not row.address:
        return 0
    now = now or timezone.now()
    made = 0
    with transaction.atomic():
        _stop(
            Subscription.objects.filter(account=user, active=True).exclude(address=row.address),
            now,
        )
        for participation in counsel_links(user, link):
            existing = Subscription.objects.filter(
                case_id=participation.case_id,
                participant=participation.uid,
                channel=Channel.EMAIL,
                address=row.address,
            ).first()
            if existing is not None and existing.active:
                if existing.account_id is None and existing.code_id is None:
                    # made to her address before (by the court's staff, or an import):
                    # from now on it is the account's, so "off" and another address stop
                    # it, and written in the language she turned them on in
                    Subscription.objects.filter(pk=existing.pk).update(
                        account=user, language=row.language or existing.language
                    )
                continue
            if existing is not None and existing.account_id == user.pk and not renew:
                continue  # stopped from the email's link: stays stopped
            sub = subscribe(
                participation=participation,
                channel=Channel.EMAIL,
                address=row.address,
                language=row.language or "es",
                consent=True,
                consent_text_version=row.consent_text_version or CONSENT_VERSION,
                now=now,
            )
            Subscription.objects.filter(pk=sub.pk).update(account=user)
            made += 1
    return made


def link_made(link: ParticipantLink) -> None:
    """An account was linked to a participation: if its notifications are on and the
    participation is one of ``NOTIFIED_ROLES``, subscribe it from now on."""
    counsel_subscriptions_sync(link.user, link=link)


def link_removed(link: ParticipantLink, *, now: dt.datetime | None = None) -> int:
    """An account's link to a participation was removed: the email subscriptions the
    account's notifications made for that participation stop (queued deliveries are
    cancelled). Subscriptions the participant asked for with their own code are theirs
    and stay. How many stopped."""
    subs = Subscription.objects.filter(
        account=link.user, case_id=link.case_id, participant=link.participant, active=True
    )
    count = subs.count()
    _stop(subs, now or timezone.now())
    return count


def account_addresses(user: User) -> set[str]:
    """The email addresses that are the account's: the one confirmed on its
    notifications page, and the one the court recorded on the account (if any)."""
    row = AccountNotices.objects.filter(user=user).first()
    found = {row.address} if row is not None and row.address else set()
    if (user.email or "").strip():
        with contextlib.suppress(InvalidInput):  # not an address a message could go to
            found.add(normalise_email(user.email))
    return found


def account_subscriptions(user: User) -> list[Subscription]:
    """Every active subscription that sends the account's messages, for its
    notifications page (and for ``notices_off``, which stops them all): those its page
    made, and the email subscriptions to one of its addresses (``account_addresses``)
    of a participation it is linked to, whoever made them (the court's staff before the
    account existed, her own code on the participants' portal): she receives them, so
    the page shows them and she can stop them. Another account linked to the same
    participation, or another address, is not hers and is not listed."""
    addresses = account_addresses(user)
    pairs = set(ParticipantLink.objects.filter(user=user).values_list("case_id", "participant"))
    found = {s.pk: s for s in Subscription.objects.filter(account=user, active=True)}
    if addresses and pairs:
        case_ids = {case_id for case_id, _uid in pairs}
        for sub in Subscription.objects.filter(
            case_id__in=case_ids, channel=Channel.EMAIL, address__in=addresses, active=True
        ):
            if (sub.case_id, sub.participant) in pairs:
                found[sub.pk] = sub
    subs = Subscription.objects.filter(pk__in=found).select_related("case")
    return list(subs.order_by("case__number", "participant", "address"))
