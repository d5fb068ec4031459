from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person or a system that acts on the docket (clerk, judge, a prosecution office's
    system, the demo generator). Roles and court memberships come with the workspace."""

    is_system = models.BooleanField(
        _("system account"), default=False, help_text=_("A machine, not a person.")
    )

    @property
    def actor_label(self) -> str:
        return f"{'system' if self.is_system else 'user'}:{self.username}"


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
