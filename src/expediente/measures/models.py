"""Measure tables. Both are projections of the event log, kept by
``measures.projector`` in the same transaction as each append and rebuilt from the
events alone (``expediente rebuild``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from expediente.docket.models import Case, Court, Participation
from expediente.rules.deadline_text import language
from expediente.rules.deadlines import status_at


class Measure(models.Model):
    """Projection: one measure the court imposed on one accused, its conditions as they
    stand now and its compliance figures."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("In force")
        ENDED = "ended", _("Ended")
        REVOKED = "revoked", _("Revoked")
        COMPLETED = "completed", _("Complied with in full")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="measures")
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+")
    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="measures"
    )
    uid = models.CharField(max_length=40)  # the measure's id in the case: M1, M2, …
    kind = models.CharField(_("kind"), max_length=40)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    protected = models.CharField(max_length=64, blank=True)  # the protected participant's uid
    device = models.CharField(max_length=80, blank=True, db_index=True)
    conditions = models.JSONField(default=dict)
    imposed_seq = models.PositiveIntegerField()
    imposed_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_seq = models.PositiveIntegerField(null=True, blank=True)
    closed_type = models.CharField(max_length=80, blank=True)
    check_ins = models.PositiveIntegerField(default=0)
    last_check_in_at = models.DateTimeField(null=True, blank=True)
    hours_logged = models.PositiveIntegerField(default=0)
    amount_paid = models.PositiveBigIntegerField(default=0)
    sessions = models.PositiveIntegerField(default=0)
    device_events = models.PositiveIntegerField(default=0)
    breaches = models.PositiveIntegerField(default=0)
    last_breach_at = models.DateTimeField(null=True, blank=True)
    # the last breach: ``zone_breach`` or ``tamper`` (the device), or ``reported:<source>``
    last_breach_what = models.CharField(max_length=60, blank=True)
    last_breach_seq = models.PositiveIntegerField(null=True, blank=True)
    breach_open = models.BooleanField(default=False)
    warnings = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "uid"], name="measure_case_uid")]
        indexes = [
            models.Index(fields=["court", "status"], name="measure_court_status"),
            # the due list's breaches awaiting a response: few rows, by court, latest first
            models.Index(
                fields=["court", "last_breach_at"],
                name="measure_breach_open",
                condition=models.Q(breach_open=True, status="active"),
            ),
        ]
        ordering = ["case_id", "imposed_seq"]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.uid} {self.kind}"


class MeasureDeadline(models.Model):
    """Projection: one deadline a per-measure rule sets (``per: measure`` in the pack),
    as the deadline engine computed it: the next check-in, instalment or session, or
    the day the community-service hours must be done."""

    key = models.CharField(max_length=300, unique=True)
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="deadlines")
    rule_id = models.CharField(max_length=100)
    cycle = models.PositiveIntegerField(default=0)
    start_at = models.DateTimeField()
    start_seq = models.PositiveIntegerField()
    due_at = models.DateTimeField()
    due_on = models.DateField()
    alert_from = models.DateTimeField(null=True, blank=True)
    open = models.BooleanField()
    satisfied_at = models.DateTimeField(null=True, blank=True)
    satisfied_seq = models.PositiveIntegerField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    met_late = models.BooleanField(default=False)
    alert_roles = models.JSONField(default=list)
    label = models.JSONField(default=dict)
    law = models.JSONField(default=dict)
    explanation = models.JSONField(default=dict)
    # when the event that last changed this row was recorded: the sweep rereads the rows
    # changed since its last run (a backdated check-in can open a deadline already past)
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["court", "open", "due_at"], name="measure_deadline_due"),
            models.Index(fields=["computed_at"], name="measure_deadline_computed"),
        ]

    def __str__(self) -> str:
        return self.key

    def status(self, now: dt.datetime) -> str:
        return status_at(
            now,
            due_at=self.due_at,
            due_soon_from=self.alert_from,
            satisfied_at=self.satisfied_at,
            stopped_at=self.stopped_at,
            suspended_since=None,
        )

    def explain(self, lang: str | None) -> str:
        """The engine's sentence in ``lang`` (es, en, pt or fr), else in English."""
        text: dict[str, Any] = self.explanation or {}
        return str(text.get(language(lang)) or text.get("en", ""))
