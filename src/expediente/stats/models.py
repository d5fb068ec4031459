"""The statistics projection: the rows the indicators count, folded from the event log by
``stats.projector`` in the same transaction as each append, and rebuilt from the events
alone (``expediente rebuild``; ``rebuild --check`` compares them).

Events → rows, with corrections applied: a correction (an event with ``corrects_seq``)
restates the event it corrects, with its payload and its time, so a corrected verdict
counts as corrected and never twice. Rows are keyed by the number of the event first
recorded (``seq``), and say which event last stated them (``stated_seq``).

- ``CaseFlow``: one row per case: when it was opened, when it was resolved (its first
  verdict or dismissal, corrections applied), whether it was expunged (an expunged case
  is in no statistics);
- ``CaseSpell``: one row per stretch a case is pending: from its opening or a
  reopening to the first disposition after it;
- ``Decision``: one row per decision that an indicator counts: verdicts, dismissals,
  indictments, custody hearings and pretrial detention orders, with the accused person it
  concerns, and the reopenings;
- ``AccusedFlow``: one row per accused person in a case: when they were added, the ICCS
  code of their first charge and when they were first charged with violence against
  women, and the person's sex and nationality and the case's procedure;
- ``CounselEntry``: one row per ``participant.acts_for`` entry (a lawyer acting, or no
  longer acting, for an accused), as last corrected, with the lawyer's role: the legal
  representation of the persons brought before the courts, read at any moment.

``court``, ``person``, ``person_sex``, ``person_nationality`` and ``case_procedure``
repeat what the case, the participation and the person say, so the indicators need no
join to the docket (``docs/statistics.md``, Scale).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from expediente.docket.models import Case, Court, Participation, Person


class CaseFlow(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="+")
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+")
    procedure = models.CharField(max_length=10)
    opened_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    expunged = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["court", "opened_at"], name="stats_case_opened"),
            models.Index(fields=["court", "resolved_at"], name="stats_case_resolved"),
            # the few expunged cases, which every source leaves out (sql.sources.expunged)
            models.Index(fields=["case"], condition=Q(expunged=True), name="stats_case_expunged"),
        ]

    def __str__(self) -> str:
        return f"case {self.case_id}: opened {self.opened_at}, resolved {self.resolved_at}"


class CaseSpell(models.Model):
    """A stretch of time a case is pending at first instance: from its opening, or from a
    reopening, to the first verdict or dismissal after it (none while still pending). The
    case flows count these: incoming = spells started, resolved = spells ended, pending
    at a moment = spells open then (``stats.projector._spells``)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+")
    procedure = models.CharField(max_length=10)
    case_opened_at = models.DateTimeField()  # the age of a pending case counts from it
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reopened = models.BooleanField(default=False)  # started by a reopening

    class Meta:
        indexes = [
            models.Index(fields=["court", "started_at"], name="stats_spell_started"),
            models.Index(fields=["court", "ended_at"], name="stats_spell_ended"),
            models.Index(fields=["case"], name="stats_spell_case"),
        ]

    def __str__(self) -> str:
        return f"case {self.case_id}: pending {self.started_at} to {self.ended_at}"


class Decision(models.Model):
    VERDICT = "verdict.delivered"
    DISMISSAL = "case.dismissed"
    INDICTMENT = "indictment.filed"
    HEARING = "custody.hearing_held"
    DETENTION = "custody.pretrial_ordered"
    REOPENING = "case.reopened"  # pending again (CaseSpell), not a decision counted itself
    TYPES = (VERDICT, DISMISSAL, INDICTMENT, HEARING, DETENTION, REOPENING)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    seq = models.PositiveIntegerField()  # the event first recorded
    stated_seq = models.PositiveIntegerField()  # the event that states it now
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+")
    type = models.CharField(max_length=80)
    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(max_length=40, blank=True)
    custodial = models.BooleanField(null=True, blank=True)
    occurred_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "seq"], name="stats_decision_case_seq")
        ]
        indexes = [
            # covering (PostgreSQL): a period's decisions of a type, ranked per person,
            # read from the index alone
            models.Index(
                fields=["type", "occurred_at"],
                include=["court", "case", "person", "participation", "outcome"],
                name="stats_decision_type_cover",
            ),
            models.Index(fields=["participation", "type"], name="stats_decision_accused"),
        ]

    def __str__(self) -> str:
        return f"case {self.case_id} #{self.seq} {self.type} {self.outcome}"


class AccusedFlow(models.Model):
    participation = models.OneToOneField(
        Participation, on_delete=models.CASCADE, primary_key=True, related_name="stats_accused"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()
    # the breakdowns, repeated from the person and the case so that the UN-CTS flows
    # count without a join (kept in step by stats.projector)
    person_sex = models.CharField(max_length=10, blank=True)
    person_nationality = models.CharField(max_length=9, blank=True)  # a code or "stateless"
    case_procedure = models.CharField(max_length=10, blank=True)
    first_iccs = models.CharField(max_length=6, null=True, blank=True)  # noqa: DJ001 - none: no charge
    # when that first charge was filed: a period that ended before it knew no charge
    first_iccs_at = models.DateTimeField(null=True, blank=True)
    vaw_charged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["court", "added_at"], name="stats_accused_added")]

    def __str__(self) -> str:
        return f"accused {self.participation_id} in case {self.case_id}"


class CounselEntry(models.Model):
    """A ``participant.acts_for`` entry (``docket/counsel.py``) as last corrected: the
    lawyer (``counsel``, with her role: private counsel ``defence`` or
    ``public_defender``) acts for the accused from ``occurred_at``, or no longer does
    (``ended``). For a lawyer and an accused the latest entry by ``seq`` (the number
    first recorded) among those up to a moment says whether she acts for them then."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    seq = models.PositiveIntegerField()  # the entry first recorded
    stated_seq = models.PositiveIntegerField()  # the event that states it now
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+")
    counsel = models.ForeignKey(
        Participation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    accused = models.ForeignKey(
        Participation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    counsel_role = models.CharField(max_length=40, blank=True)  # repeated from the lawyer
    ended = models.BooleanField(default=False)
    occurred_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "seq"], name="stats_counsel_case_seq")
        ]
        indexes = [models.Index(fields=["accused", "occurred_at"], name="stats_counsel_accused")]

    def __str__(self) -> str:
        return f"case {self.case_id} #{self.seq} counsel {self.counsel_id} for {self.accused_id}"
