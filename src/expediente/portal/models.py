"""The portal's own tables: the language a person chose, remembered where they sign in;
and the last entry of each case an account saw on its page at /my/ (``LinkVisit``).

A choice made with the language switcher is kept in a cookie for the browser, and, when
the person is signed in, here too: on their account (lawyers, repeat users) or on the
participation their code opened (named by case and participant id, like
``access.ParticipantCode``, so a rebuild keeps it). Signing in on another device brings
the choice back (``portal/language.py``). It is the screen's language: each notification
subscription keeps its own (``notify.subscriptions.subscription_language_set``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountLanguage(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8)
    chosen_at = models.DateTimeField(_("chosen at"))

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"


class ParticipantLanguage(models.Model):
    case = models.ForeignKey("docket.Case", on_delete=models.PROTECT, related_name="+")
    participant = models.CharField(_("participant"), max_length=64)
    language = models.CharField(_("language"), max_length=8)
    chosen_at = models.DateTimeField(_("chosen at"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "participant"], name="participant_language_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.participant}: {self.language}"


class LinkVisit(models.Model):
    """The last entry of its case an account saw through one link (a lawyer's
    participation or her client's), on that case's page at /my/: "new since your last
    visit" counts and marks the entries numbered above it. Not a projection (a visit is
    no event of the case); kept by a rebuild, gone with its link."""

    link = models.OneToOneField(
        "access.ParticipantLink", on_delete=models.CASCADE, primary_key=True, related_name="visit"
    )
    last_seen_seq = models.PositiveIntegerField(_("last entry seen"))
    seen_at = models.DateTimeField(_("seen at"))

    def __str__(self) -> str:
        return f"{self.link_id}: up to {self.last_seen_seq}"
