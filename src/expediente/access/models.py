from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

# The access log's table is defined beside its writer; importing it here registers it
# with the app's other models, as Django expects.
from expediente.access.access_log import AccessRecord

__all__ = [
    "AccessRecord",
    "Agency",
    "ApiToken",
    "CodeThrottle",
    "Expunction",
    "Membership",
    "ParticipantCode",
    "ParticipantLink",
    "User",
]


class User(AbstractUser):
    """A person or a system that acts on the docket (clerk, judge, a prosecution office's
    system, the demo generator). Roles and court memberships come with the workspace."""

    is_system = models.BooleanField(
        _("system account"), default=False, help_text=_("A machine, not a person.")
    )

    @property
    def actor_label(self) -> str:
        return f"{'system' if self.is_system else 'user'}:{self.username}"


class Agency(models.TextChoices):
    """Which kind of institution's system a token serves: the disclosure rules may show
    each a different part of a case (``access/disclosure.py``; the rule pack's
    ``api:<agency>`` audiences). Also in ``rules/schema.API_AGENCIES``."""

    PROSECUTION = "prosecution", _("Prosecution office")
    PUBLIC_DEFENCE = "public_defence", _("Public defence office")
    PRIVATE_DEFENCE = "private_defence", _("Private defence counsel")
    POLICE = "police", _("Police")
    PRISON = "prison", _("Prison administration")
    OTHER = "other", _("Other institution")


class ApiToken(models.Model):
    """A bearer token. Only its SHA-256 is stored; the secret is shown once, at creation."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(_("scopes"), default=list)
    courts = models.JSONField(
        _("courts"),
        default=list,
        blank=True,
        help_text=_("Court codes this token may act on; empty means every court."),
    )
    agency = models.CharField(
        _("agency"),
        max_length=20,
        choices=Agency.choices,
        default=Agency.OTHER,
        help_text=_(
            "The kind of institution whose system uses the token: it decides what of a "
            "case the system reads."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class StaffRole(models.TextChoices):
    CLERK = "clerk", _("Clerk")
    JUDGE = "judge", _("Judge")
    COURT_ADMIN = "court_admin", _("Court administrator")


class Membership(models.Model):
    """A staff member's role in one court. A person may hold several roles and courts."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    court = models.ForeignKey("docket.Court", on_delete=models.CASCADE, related_name="members")
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.choices)
    active = models.BooleanField(_("active"), default=True)
    since = models.DateField(_("since"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "court", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.court}"


class ParticipantCode(models.Model):
    """A participant's access code for the portal, issued by the court.

    Only a keyed, slow hash of the code is stored (``access/participant_codes.py``); the
    code itself is shown once, on the printed notice. The participant is named by case
    and participant id (not a foreign key to ``Participation``, a projection that a
    rebuild recreates). At most one code per participant is active: issuing a new one
    revokes the old."""

    case = models.ForeignKey("docket.Case", on_delete=models.PROTECT, related_name="+")
    participant = models.CharField(_("participant"), max_length=64)
    digest = models.CharField(max_length=64, unique=True)
    language = models.CharField(_("language"), max_length=8)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "participant"],
                condition=models.Q(revoked_at__isnull=True),
                name="participant_code_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.participant} ({self.issued_at:%Y-%m-%d})"


class ParticipantLink(models.Model):
    """An account (a lawyer, a repeat user) that follows a participation in a case.

    Created by a court clerk, or by redeeming the participant's code while signed in.
    Named by case and participant id, like ``ParticipantCode``."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="participant_links")
    case = models.ForeignKey("docket.Case", on_delete=models.PROTECT, related_name="+")
    participant = models.CharField(_("participant"), max_length=64)
    created_at = models.DateTimeField(_("linked at"))
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    how = models.CharField(max_length=12)  # "clerk" or "code"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "case", "participant"], name="participant_link_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.case_id}/{self.participant}"


class ParticipantLinkEnded(models.Model):
    """A link a clerk removed: who had followed which participation, from when, who
    linked it, and who ended it when (``participant_codes.link_remove``). The link itself
    is deleted, so every reader of ``ParticipantLink`` sees only the links that hold."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("docket.Case", on_delete=models.PROTECT, related_name="+")
    participant = models.CharField(_("participant"), max_length=64)
    created_at = models.DateTimeField(_("linked at"))
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    how = models.CharField(max_length=12)
    ended_at = models.DateTimeField(_("link removed at"))
    ended_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.user} → {self.case_id}/{self.participant} (ended {self.ended_at:%Y-%m-%d})"


class CodeThrottle(models.Model):
    """Failed code sign-ins counted per key (a case number entered from one client
    address, or a client address, both stored as keyed digests) in a window, and the
    lockout they caused (``access/code_throttle.py``)."""

    key = models.CharField(max_length=80, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["window_start"], name="code_throttle_window")]

    def __str__(self) -> str:
        return f"{self.key}: {self.failures}"


class Expunction(models.Model):
    """Projection (``access/sealing.py``): a case under an expunction order
    (``case.expunged``). Its confidentiality is ``sealed`` (the docket's projection), so
    it is gone from every view outside the court; this row tells the disclosure rules it
    is expunged as well, so that inside the court only the roles they name see it.
    Rebuilt from the events like any projection; the case's record is never deleted."""

    case = models.OneToOneField("docket.Case", on_delete=models.PROTECT, related_name="+")
    seq = models.PositiveIntegerField(_("entry"))  # the order's entry in the case's docket
    ordered_at = models.DateTimeField(_("ordered at"))

    class Meta:
        verbose_name = _("expunction")

    def __str__(self) -> str:
        return f"{self.case_id} #{self.seq}"
