"""Deadline alerts for the court's staff, by office.

A deadline rule names who is alerted by role (``alert.who``: judge, prosecutor,
defence…). Participants hear of it through their subscriptions. A staff account is told
because of who it is in the case: its docket person (``court.StaffPerson``) takes part in
the case in a role the rule names (a judge: the person named as the case's judge). Such an
account is not a subscriber (no consent per case, no access code, no stop link): it is
another kind of recipient of the same outbox (``Delivery.staff``), so retries, the
dedup by key, the worker and the inbox stay one mechanism (``notify.outbox``).

Each alert reaches such an account

- on its alerts page in the workspace (an ``inbox`` delivery, stored as sent), always;
- by email to the account's address, unless it switched that off on its account page
  (``staff_alerts_set``): on by default when the account has an address.

Only accounts that may see the case now (``access.policy.can``, ``CASE_VIEW``: an active
role in the case's court; a sealed case only for the roles that see sealed cases) are
told. Staff accounts are court staff (clerks, judges, court administrators): a prosecutor
or a defence lawyer has no staff account (their systems use API tokens; a lawyer follows
her cases from /my/ with an ordinary subscription), so in practice these are the judges.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from expediente.access.capabilities import Capability
from expediente.access.models import Membership, User
from expediente.access.policy import Actor, can
from expediente.court.models import StaffPerson
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Participation
from expediente.notify.addresses import normalise_email, refuse
from expediente.notify.models import Channel, Delivery, StaffAlerts
from expediente.notify.rendering import staff_text
from expediente.rules.loader import load_pack

# the docket roles of court staff: a rule naming the accused, a guardian or the defence
# does not alert a staff account whose docket person happens to hold that role
STAFF_ROLES = frozenset({"judge"})
STAFF_INBOX = "staff:"  # an inbox delivery's address for a staff account: "staff:<id>"
BY_EMAIL = {"yes": True, "no": False}  # the account page's choice


@dataclass(frozen=True)
class StaffRecipient:
    user: User
    language: str
    email: str  # the address to email, "" when none is to be sent

    @property
    def inbox(self) -> str:
        return f"{STAFF_INBOX}{self.user.pk}"


def alerts_of(user: User) -> StaffAlerts:
    """The account's setting; if never set, an unsaved one: by email, in the language
    the account's courts work in (``courts_language``)."""
    found = StaffAlerts.objects.filter(user=user).first()
    return found or StaffAlerts(user=user, by_email=True, language=courts_language(user))


def courts_language(user: User) -> str:
    """The language the account's courts work in (their rule packs' ``language``) when
    they agree on one, else the site's default."""
    packs = set(Membership.objects.filter(user=user).values_list("court__rule_pack", flat=True))
    languages = {load_pack(pack).language for pack in packs}
    agreed = languages.pop() if len(languages) == 1 else None
    return agreed or settings.LANGUAGE_CODE


def account_email(user: User) -> str:
    """The account's email address, normalised; "" without a usable one."""
    try:
        return normalise_email(user.email or "") if (user.email or "").strip() else ""
    except InvalidInput:
        return ""


def staff_recipients(case: Case, participants: Iterable[str]) -> list[StaffRecipient]:
    """The staff accounts to tell of an alert for these participants of the case (the
    ones whose role the rule names): those whose docket person is one of them in a staff
    role (``STAFF_ROLES``), who are active and may see the case. One query when there
    are none (the usual case); for each one found, its roles and its setting."""
    persons = Participation.objects.filter(
        case_id=case.pk, uid__in=list(participants), role__in=STAFF_ROLES
    )
    links = (
        StaffPerson.objects.filter(
            person_uid__in=persons.values("person__uid"), user__is_active=True
        )
        .select_related("user")
        .order_by("user_id")
    )
    found = []
    for link in links:
        user = link.user
        if not can(Actor.staff(user), Capability.CASE_VIEW, case=case):
            continue
        prefs = alerts_of(user)
        email = account_email(user) if prefs.by_email else ""
        # never chosen: the language the case's courts work in (the pack's ``language``)
        language = prefs.language if prefs.pk is not None else court_language(case)
        found.append(StaffRecipient(user, language or settings.LANGUAGE_CODE, email))
    return found


def court_language(case: Case) -> str:
    """The language the case's court works in (its rule pack's ``language``), else the
    site's default."""
    return load_pack(case.court.rule_pack).language or settings.LANGUAGE_CODE


def email_still_wanted(user: User | None, address: str, case: Case) -> bool:
    """At the moment of sending: is a staff alert email to ``address`` still wanted (the
    account active, its emails on, ``address`` still its address, and the case still
    one it may see)?"""
    if user is None or not user.is_active:
        return False
    if not alerts_of(user).by_email or account_email(user) != address:
        return False
    return can(Actor.staff(user), Capability.CASE_VIEW, case=case)


def staff_alerts_set(
    *, user: User, by_email: str, language: str, now: dt.datetime | None = None
) -> StaffAlerts:
    """Save the account's choice: deadline alerts by email (``by_email`` "yes") or only
    on its alerts page ("no"), in ``language``. Switching them off cancels the alert
    emails queued for it and not sent yet. Raises ``InvalidInput`` naming the field
    (``by_email``: not "yes" or "no", or "yes" for an account without an email address;
    ``language``: not one of the site's); nothing is written then."""
    if by_email not in BY_EMAIL:
        raise refuse(
            "by_email", _("Choose whether to receive deadline alerts by email: yes or no.")
        )
    offered = [code for code, _name in settings.LANGUAGES]
    if language not in offered:
        raise refuse(
            "language",
            _("Choose the language of the emails: one of %(languages)s.")
            % {"languages": ", ".join(offered)},
        )
    wanted = BY_EMAIL[by_email]
    if wanted and not account_email(user):
        raise refuse(
            "by_email",
            _(
                "Your account has no email address to send them to. Ask the court's "
                "administrator to add one, or choose no."
            ),
        )
    now = now or timezone.now()
    with transaction.atomic():
        row, _created = StaffAlerts.objects.update_or_create(
            user=user, defaults={"by_email": wanted, "language": language, "changed_at": now}
        )
        if not wanted:
            Delivery.objects.filter(
                staff=user, channel=Channel.EMAIL, status=Delivery.Status.QUEUED
            ).update(status=Delivery.Status.CANCELLED, cancelled_because=Delivery.Why.STOPPED)
    return row


@dataclass(frozen=True)
class StaffAlertItem:
    id: int
    subject: str
    body: str
    at: dt.datetime
    read: bool
    case_number: str
    case_nuid: str
    timezone: str  # the court's: the page shows when the alert came on its clock


def _inbox(user: User) -> QuerySet[Delivery]:
    return Delivery.objects.filter(staff=user, channel=Channel.INBOX, status=Delivery.Status.SENT)


def staff_inbox(actor: Actor, *, language: str, limit: int = 100) -> list[StaffAlertItem]:
    """The alerts on the account's alerts page, newest first, in ``language`` (the
    reader's: each is written in every language of the site), of the cases it may still
    see."""
    rows = (
        _inbox(actor.user)
        .select_related("notification__case__court")
        .order_by("-sent_at", "-id")[:limit]
    )
    items = []
    for d in rows:
        case = d.notification.case
        if not can(actor, Capability.CASE_VIEW, case=case):
            continue
        text = staff_text(d.notification.rendered, language)
        items.append(
            StaffAlertItem(
                d.pk,
                text["subject"],
                text["body"],
                d.sent_at or d.notification.created_at,
                d.read_at is not None,
                case.number,
                case.nuid,
                case.court.timezone,
            )
        )
    return items


def staff_alert_count(user: User) -> int | None:
    """How many alerts the account has not marked read (the menu's count), or None when
    deadline alerts cannot reach it: it is no docket person (a judge named in cases,
    ``court.StaffPerson``) and none ever reached it (a judge's account unlinked since
    keeps its page). A clerk's never is: the workspace offers it no alerts page to find
    always empty. One query."""
    unread = (
        _inbox(user)
        .filter(read_at__isnull=True)
        .order_by()
        .values("staff")
        .annotate(n=Count("id"))
        .values("n")
    )
    row = (
        User.objects.filter(pk=user.pk)
        .values(
            linked=Exists(StaffPerson.objects.filter(user=OuterRef("pk"))),
            reached=Exists(_inbox(user)),
            unread=Coalesce(Subquery(unread), 0),
        )
        .first()
    )
    if row is None or not (row["linked"] or row["reached"]):
        return None
    return int(row["unread"])


def staff_unread(user: User) -> int:
    """How many alerts sent to the account it has not marked read (the menu's count; the
    page's button marks them all, those of cases it may no longer see too)."""
    return _inbox(user).filter(read_at__isnull=True).count()


def staff_inbox_mark_read(user: User, *, now: dt.datetime | None = None) -> int:
    """Mark every alert sent to the account as read (``staff_unread`` counts them all,
    also those of cases its page no longer shows); how many were unread."""
    return _inbox(user).filter(read_at__isnull=True).update(read_at=now or timezone.now())
