"""Notification tables: who wants to be told (``Subscription``), what there is to tell
(``Notification``, the outbox row), to whom it goes (``Delivery``, one per notification
and address) and every try at sending it (``DeliveryAttempt``, append-only); and how a
staff account takes the deadline alerts it is sent by office (``StaffAlerts``).

A delivery goes to one of two kinds of recipient: a ``Subscription`` (a participant, or
a lawyer's account, asked to be told), or a staff account (``Delivery.staff``) that the
deadline rule names by its office: the judge whose docket person is the case's judge
(``notify.staff``). Staff are not subscribers: they gave no consent per case, have no
access code or unsubscribe token, and are told because the court's work requires it.

None of these is a projection: they record what the court promised to tell and what it
sent, and ``expediente rebuild`` leaves them alone (see ``notify.projector``).

A subscription names its participant by the case and the participant's uid (``P1``),
not by a foreign key to ``docket.Participation``: a rebuild deletes and recreates the
participation rows, and a subscription must survive it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from expediente.docket.models import Case, Event


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message (SMS)")
    WEBHOOK = "webhook", _("Webhook")
    INBOX = "inbox", _("Inbox in the portal")


class Subscription(models.Model):
    """A participant asked to be told about a case through one channel and address."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    participant = models.CharField(max_length=64)  # the participation's uid in the case
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=500)  # normalised
    language = models.CharField(_("language"), max_length=10)
    consent_at = models.DateTimeField(_("consent given at"))
    consent_text_version = models.CharField(_("consent text version"), max_length=40)
    unsubscribe_token = models.CharField(max_length=64, unique=True)
    # the SMS's short link to stop them (/s/<this>): random, ~71 bits, good for nothing
    # else; a new one with each new consent, as the unsubscribe token
    stop_token = models.CharField(max_length=16, unique=True, null=True, blank=True)
    secret = models.CharField(max_length=64, blank=True)  # webhooks: the HMAC key
    active = models.BooleanField(default=True)
    # events numbered above this are notified: the case's last seq when consent was given
    from_seq = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    # the participant code whose portal session asked for it (none when the court's staff
    # did): revoking that code stops it, so a leaked code feeds no one's messages
    code = models.ForeignKey(
        "access.ParticipantCode", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # the account (a lawyer's) whose notifications page made it (``notify.accounts``):
    # turning them off there, or confirming another address, stops it
    account = models.ForeignKey(
        "access.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "participant", "channel", "address"],
                name="subscription_once_per_address",
            )
        ]
        indexes = [models.Index(fields=["case", "active"], name="subscription_case_active")]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.participant} {self.channel}:{self.address}"


class Notification(models.Model):
    """The outbox row: something happened that subscribers are to be told, rendered in
    each subscriber's language when it was queued. ``key`` makes queuing idempotent:
    ``event:<event id>`` or ``alert:<alert key>``."""

    class Kind(models.TextChoices):
        EVENT = "event", _("Docket entry")
        ALERT = "alert", _("Deadline alert")
        # the one last message to an address whose messages were stopped from the portal
        STOPPED = "stopped", _("Messages stopped")

    key = models.CharField(max_length=450, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.PROTECT, null=True, related_name="+")
    event_seq = models.PositiveIntegerField(null=True, blank=True)
    alert_key = models.CharField(max_length=400, blank=True)
    what = models.CharField(max_length=100)  # the event type or the deadline rule id (100)
    rendered = models.JSONField(default=dict)  # {language: {"subject": …, "body": …}}
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.key


class Delivery(models.Model):
    """One notification to one address. ``key`` is unique: the same notification is never
    queued twice for the same address, whoever subscribed it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        CLAIMED = "claimed", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    class Why(models.TextChoices):
        """Why a delivery was cancelled: its status reads as this (``get_status_display``)."""

        STOPPED = "stopped", _("Cancelled: the messages were stopped")
        CODE_WITHDRAWN = "code_withdrawn", _("Cancelled: the access code was withdrawn")
        # the message named the case, and the case was sealed before it could be sent
        SEALED = "sealed", _("Cancelled: the case was sealed before it was sent")

    # "alert:" + an alert key (400) + "|" + channel + ":" + an address (500)
    key = models.CharField(max_length=1000, unique=True)
    notification = models.ForeignKey(
        Notification, on_delete=models.PROTECT, related_name="deliveries"
    )
    # whom it goes to: a subscription, or else a staff account told by office
    # (``notify.staff``); exactly one of the two (``delivery_one_recipient``)
    subscription = models.ForeignKey(
        Subscription, null=True, blank=True, on_delete=models.PROTECT, related_name="deliveries"
    )
    staff = models.ForeignKey(
        "access.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    address = models.CharField(max_length=500)
    language = models.CharField(max_length=10)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    read_at = models.DateTimeField(null=True, blank=True)  # inbox: when the participant read it
    cancelled_because = models.CharField(max_length=20, choices=Why.choices, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subscription__isnull=False, staff__isnull=True)
                | models.Q(subscription__isnull=True, staff__isnull=False),
                name="delivery_one_recipient",
            )
        ]
        indexes = [
            # the worker's claim query: due rows first
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["status", "claimed_until"], name="delivery_lease"),
        ]

    def __str__(self) -> str:
        return self.key

    def get_status_display(self) -> str:  # type: ignore[no-redef]  # says why it was cancelled
        """The status in words; a cancelled delivery says why (the person stopped the
        messages, or the court withdrew the access code they were asked for with)."""
        if self.status == self.Status.CANCELLED and self.cancelled_because:
            return str(self.Why(self.cancelled_because).label)
        return str(self.Status(self.status).label)


class DeliveryAttempt(models.Model):
    """One try at sending a delivery. Written once, never changed."""

    class Outcome(models.TextChoices):
        SENT = "sent", _("Sent")
        RETRY = "retry", _("Failed, will retry")
        FAILED = "failed", _("Failed for good")
        STORED = "stored", _("Stored in the inbox")

    delivery = models.ForeignKey(Delivery, on_delete=models.PROTECT, related_name="log")
    number = models.PositiveIntegerField()
    worker = models.CharField(max_length=100)
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["delivery_id", "number", "id"]

    def __str__(self) -> str:
        return f"{self.delivery_id} #{self.number} {self.outcome}"


class AccountNotices(models.Model):
    """An account's email notifications (a lawyer's, from /my/notifications/): the
    address confirmed by a link sent to it, the one awaiting confirmation, and whether
    they are on. While on, every participation the account is linked to as counsel has
    an email subscription to the confirmed address (``notify.accounts``)."""

    user = models.OneToOneField("access.User", on_delete=models.CASCADE, related_name="+")
    address = models.CharField(_("email address"), max_length=500, blank=True)  # confirmed
    confirmed_at = models.DateTimeField(null=True, blank=True)
    pending = models.CharField(max_length=500, blank=True)  # awaiting its link
    confirm_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    confirm_sent_at = models.DateTimeField(null=True, blank=True)
    on = models.BooleanField(default=False)
    language = models.CharField(max_length=10, blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_text_version = models.CharField(max_length=40, blank=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.address or self.pending} ({'on' if self.on else 'off'})"


class StaffAlerts(models.Model):
    """How a staff account takes the deadline alerts the rules send it by office
    (``notify.staff``): always in its alerts page in the workspace, and by email to the
    account's address unless it switched that off here. No row: by email (when the
    account has an address), in the site's language."""

    user = models.OneToOneField("access.User", on_delete=models.CASCADE, related_name="+")
    by_email = models.BooleanField(_("deadline alerts by email"), default=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user_id}: {'email' if self.by_email else 'workspace only'}"


class AgencyHook(models.Model):
    """An agency's webhook: the docket feed (``api/feed.py``) pushed, page after page, to
    a URL of the system that holds ``token`` (``notify.agency_hooks``). It is sent what
    the token may read when each page is sent, never more, and follows the log's order:
    ``next_start`` is the first log position not yet acknowledged by the receiver, so a
    page is sent again (the same one: ``pending_end``) until it is, and nothing is
    skipped. Made and ended through the API (``/webhooks``); the worker ends it when the
    token is revoked, expires or loses ``cases:read``."""

    class Ended(models.TextChoices):
        DELETED = "deleted", _("Deleted through the API")
        TOKEN_ENDED = "token_ended", _("Its token was revoked or expired, or its account closed")
        SCOPE_LOST = "scope_lost", _("Its token no longer reads cases (cases:read)")

    token = models.ForeignKey("access.ApiToken", on_delete=models.PROTECT, related_name="+")
    url = models.CharField(_("address"), max_length=500)  # checked again before each send
    secret = models.CharField(max_length=64)  # the HMAC key, shown once when made
    created_at = models.DateTimeField()
    active = models.BooleanField(default=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_because = models.CharField(max_length=20, choices=Ended.choices, blank=True)
    # the feed position not yet acknowledged, and the end of the page being retried
    next_start = models.PositiveBigIntegerField(default=0)
    pending_end = models.PositiveBigIntegerField(null=True, blank=True)
    next_attempt_at = models.DateTimeField()
    failures = models.PositiveIntegerField(default=0)  # consecutive
    failing_since = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    # a POST /webhooks sent again with its Idempotency-Key is answered with this hook
    idempotency_key = models.CharField(max_length=200, blank=True)
    asked_from = models.CharField(max_length=5, default="now")  # "now" or "start"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["token", "url"],
                condition=models.Q(active=True),
                name="agency_hook_once_per_url",
            ),
            models.UniqueConstraint(
                fields=["token", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="agency_hook_key_once",
            ),
        ]
        indexes = [models.Index(fields=["active", "next_attempt_at"], name="agency_hook_due")]

    def __str__(self) -> str:
        return f"hook {self.pk} of token {self.token_id}: {self.url}"


class AgencyHookAttempt(models.Model):
    """One POST of a page to an agency's webhook. Written once, never changed: what was
    sent (the log positions) and when, for the staff to answer "was it sent to us?"."""

    class Outcome(models.TextChoices):
        SENT = "sent", _("Sent")
        RETRY = "retry", _("Failed, will retry")

    hook = models.ForeignKey(AgencyHook, on_delete=models.PROTECT, related_name="log")
    start = models.PositiveBigIntegerField()
    end = models.PositiveBigIntegerField()
    items = models.PositiveIntegerField()
    worker = models.CharField(max_length=100)
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["hook_id", "id"]
        # the worker deletes the attempts older than EXPEDIENTE_HOOK_ATTEMPTS_DAYS
        indexes = [models.Index(fields=["started_at"], name="agency_hook_attempt_started")]

    def __str__(self) -> str:
        return f"hook {self.hook_id} {self.start}-{self.end} {self.outcome}"
