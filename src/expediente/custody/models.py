"""Custody tables.

``CustodyPeriod`` and ``Deadline`` are projections of the event log, kept by
``custody.projector`` in the same transaction as each append and rebuilt from the events
alone (``expediente rebuild``). ``Alert`` and ``SweepMark`` are not projections: they
record what the deadline sweep has raised, and a rebuild leaves them alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from expediente.docket.models import Case, Court, Participation, Person
from expediente.rules.deadline_text import language
from expediente.rules.deadlines import due_soon_from, status_at


class Kind(models.TextChoices):
    """What a person is held as, for the SDG 16.3.2 count (``stats/``): ``police`` and
    ``pretrial`` are unsentenced, unless the period is ``decided`` (held after an
    acquittal: a first-instance decision was made, so sentenced); ``sentenced_appeal``
    (convicted at first instance, the judgment not yet final) and ``sentenced_final``
    are sentenced."""

    POLICE = "police", _("Police custody")
    PRETRIAL = "pretrial", _("Pretrial detention")
    SENTENCED_APPEAL = "sentenced_appeal", _("Sentenced, under appeal")
    SENTENCED_FINAL = "sentenced_final", _("Serving a final sentence")


class OwedBy(models.TextChoices):
    """Whose act a deadline awaits (the rule's ``owed_by`` in the pack): the court's, the
    prosecution's (Costa Rica's CPP art. 238 request for the custody hearing, though the
    judge is alerted of it too), or the person's own."""

    COURT = "court", _("the court")
    PROSECUTION = "prosecution", _("the prosecution")
    PERSON = "person", _("the person")


class CustodyPeriod(models.Model):
    """Projection: one stretch of custody of one kind, for one person in one case.

    A period never changes kind: when a person's kind of custody changes (a detention
    order, a first-instance conviction, a final judgment, a retrial) the period ends at
    that event and a new one starts at the same moment; so it does when ``decided``
    changes (a verdict of any outcome, a retrial), the kind kept. An escape ends a period and the
    recapture starts the next, so time at large is in no period. A transfer changes the
    facility of the current period. ``ended_at`` is null while the period is open, so
    the people held on a reference day D are the rows with ``started_at <= D`` and
    (``ended_at`` null or ``> D``), counted by ``person`` (a person held in two cases is
    one person), and broken down by ``kind`` and ``decided``, ``court`` and the person's
    sex and age.
    ``court`` and ``person`` repeat ``case.court`` and ``participation.person`` so that
    count needs no join."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="custody_periods")
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+")
    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="custody_periods"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="custody_periods")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    started_at = models.DateTimeField(_("from"))
    start_seq = models.PositiveIntegerField()
    ended_at = models.DateTimeField(_("until"), null=True, blank=True)
    end_seq = models.PositiveIntegerField(null=True, blank=True)
    end_type = models.CharField(max_length=80, blank=True)
    facility = models.CharField(_("facility"), max_length=200, blank=True)
    # A first-instance decision on conviction or acquittal is in force for the person in
    # this case (a verdict, whatever its outcome, and no retrial since): for SDG 16.3.2
    # they are sentenced, even held ``pretrial`` after an acquittal (``periods.py``).
    # A change of it while held starts a new period of the same kind.
    decided = models.BooleanField(_("first-instance decision made"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "participation", "start_seq"], name="custody_period_start"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "started_at"]),
            models.Index(fields=["court", "started_at"], name="custody_period_court_start"),
        ]
        ordering = ["case_id", "participation_id", "started_at", "start_seq"]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.participation_id} {self.kind} from {self.started_at}"


class Deadline(models.Model):
    """Projection: one deadline the rule pack sets for one person, as the engine computed
    it (``rules/deadlines.py``), with everything needed to list and explain it.

    ``open`` is true while the clock runs (not met, stopped or suspended). Whether an
    open deadline is pending, due soon or overdue depends on the time of asking:
    ``status(now)``."""

    key = models.CharField(max_length=300, unique=True)
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="deadlines")
    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="deadlines"
    )
    rule_id = models.CharField(max_length=100)
    pack_version = models.CharField(max_length=40)
    subject = models.CharField(max_length=120)
    cycle = models.PositiveIntegerField(default=0)
    counting = models.CharField(max_length=12)
    effect = models.CharField(max_length=20)
    start_at = models.DateTimeField()
    start_seq = models.PositiveIntegerField()
    start_type = models.CharField(max_length=80)
    due_at = models.DateTimeField()
    due_on = models.DateField()
    alert_from = models.DateTimeField(null=True, blank=True)  # the first alert's moment
    open = models.BooleanField()
    satisfied_at = models.DateTimeField(null=True, blank=True)
    satisfied_seq = models.PositiveIntegerField(null=True, blank=True)
    satisfied_type = models.CharField(max_length=80, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    stopped_seq = models.PositiveIntegerField(null=True, blank=True)
    stopped_type = models.CharField(max_length=80, blank=True)
    suspended_since = models.DateTimeField(null=True, blank=True)
    # when it ended after running out, met late or not met at all (the court missed it:
    # ``rules.deadlines.ended_late``); None for one met or stopped in time, or still open
    missed_at = models.DateTimeField(null=True, blank=True)
    # whose act it awaited (the rule's ``owed_by``): only the court's own, missed, are
    # "What the court missed"; the prosecution's late ones are listed apart
    owed_by = models.CharField(max_length=12, choices=OwedBy.choices, default=OwedBy.COURT)
    fact_seqs = models.JSONField(default=list)  # the events it was computed from
    alerts = models.JSONField(default=list)  # [[threshold code, ISO moment], …]
    alert_roles = models.JSONField(default=list)
    label = models.JSONField(default=dict)  # the rule's label per language
    law = models.JSONField(default=dict)  # {text, article, flag}
    explanation = models.JSONField(default=dict)  # the engine's sentence: {"es": …, "en": …, …}
    # the same in plain words for the person held and their family, date first, without
    # the legal source: {"es": [sentence, …], …} (``rules.deadline_text.plain``)
    plain = models.JSONField(default=dict)
    detail = models.JSONField(default=dict)  # the explanation's inputs
    # The law puts this person's case first (``priority`` in the pack: a detained juvenile,
    # Costa Rica's Ley 7576 art. 60). True while they are in custody.
    priority = models.BooleanField(default=False)
    # The version of the ``holidays`` package whose calendar counted the days: a new
    # version may move a holiday, and ``rebuild --check`` then shows which rows change.
    holidays_version = models.CharField(max_length=20, blank=True)
    computed_seq = models.PositiveIntegerField()  # the event that last changed this row
    computed_at = models.DateTimeField()  # when that event was recorded

    class Meta:
        indexes = [
            models.Index(fields=["court", "open", "due_at", "id"], name="deadline_court_due"),
            models.Index(fields=["case", "participation"], name="deadline_case_person"),
            models.Index(fields=["computed_at"], name="deadline_computed"),
            # the due list's "first by law" section: few rows, read by court and due moment
            models.Index(
                fields=["court", "due_at", "id"],
                name="deadline_court_priority",
                condition=models.Q(open=True, priority=True),
            ),
            # "What the court missed" (``custody.missed``): few rows, by court and moment
            models.Index(
                fields=["court", "missed_at", "id"],
                name="deadline_court_missed",
                condition=models.Q(missed_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.key

    def status(self, now: dt.datetime) -> str:
        """The engine's status (``ComputedDeadline.status``) from the stored fields: due
        soon by the window of its kind (``rules.deadlines.DUE_SOON_WITHIN``)."""
        return status_at(
            now,
            due_at=self.due_at,
            due_soon_from=due_soon_from(self.due_at, self.effect),
            satisfied_at=self.satisfied_at,
            stopped_at=self.stopped_at,
            suspended_since=self.suspended_since,
        )

    def explain(self, lang: str | None) -> str:
        """The engine's sentence in ``lang`` (es, en, pt or fr), else in English: a row
        stored before its language was written says it in English until recomputed."""
        text: dict[str, Any] = self.explanation or {}
        return str(text.get(language(lang)) or text.get("en", ""))

    def plainly(self, lang: str | None) -> list[str]:
        """The engine's plain sentences in ``lang`` (es, en, pt or fr), else in English;
        [] for a row computed before they were written (until ``expediente rebuild``)."""
        text: dict[str, Any] = self.plain or {}
        return [str(s) for s in text.get(language(lang)) or text.get("en") or []]


class Alert(models.Model):
    """An alert the sweep raised: a deadline reached a threshold (``7d`` before it, …) or
    passed (``due``). Raised once per ``key``; delivery comes with notifications."""

    key = models.CharField(max_length=400, unique=True)
    deadline_key = models.CharField(max_length=300, db_index=True)
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    participant = models.CharField(max_length=64)
    rule_id = models.CharField(max_length=100)
    threshold = models.CharField(max_length=40)  # 7d, 6h, …, or "due"
    at = models.DateTimeField()  # when the alert fell due
    due_at = models.DateTimeField()
    effect = models.CharField(max_length=20)
    who = models.JSONField(default=list)  # roles to alert, from the rule
    raised_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["court", "at"], name="alert_court_at")]

    def __str__(self) -> str:
        return self.key


class SweepMark(models.Model):
    """How far the sweep has looked: the ``now`` of its last complete run.

    The row ``deadlines.lease`` is the sweep's lease: its ``swept_until`` is when the
    lease runs out (``custody/sweep.py``), so one worker sweeps at a time."""

    name = models.CharField(max_length=40, unique=True)
    swept_until = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name}: {self.swept_until}"
