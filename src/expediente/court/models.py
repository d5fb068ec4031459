"""The workspace's one projection: hearing sittings, for the court calendars.

``Sitting`` rows are written only by ``court.hearing_projection`` (registered with
``docket.projection``), in the same transaction as the hearing event, and are rebuilt
from the events by ``expediente rebuild``. Each row is one date a hearing was set for,
as ``court.pages.hearings.hearing_sittings`` folds it from the case's events
(corrections applied), so a day's calendar is an index range on (court, starts_at)
instead of a text comparison inside every hearing event's payload.
"""

from __future__ import annotations

from django.db import models


class Sitting(models.Model):
    case = models.ForeignKey("docket.Case", on_delete=models.PROTECT, related_name="+")
    court = models.ForeignKey("docket.Court", on_delete=models.PROTECT, related_name="+")
    hearing = models.TextField()  # the hearing's id within the case (H1, H2, …)
    set_by_seq = models.PositiveIntegerField()  # the event that set this date
    kind = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    courtroom = models.TextField(blank=True)
    status = models.CharField(max_length=10)  # scheduled, held, not_held, moved
    closed_by_seq = models.PositiveIntegerField(null=True)
    reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "set_by_seq"], name="court_sitting_one_per_setting_event"
            )
        ]
        indexes = [models.Index(fields=["court", "starts_at"], name="court_sitting_day")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.hearing} {self.starts_at:%Y-%m-%d %H:%M}"


class StaffPerson(models.Model):
    """The docket person a staff account is: a judge is named in cases as a participant
    (role ``judge``) of one ``docket.Person``, and that person's ``uid`` is stable across
    cases and rebuilds (a participation restating it is the same person,
    ``docket.services.recording._check_person_link``). The cases where this person is a
    judge are the account's own ("cases that name me" on the judge's list and calendar),
    whatever the name is spelled like and however many judges share it. Not a projection:
    set by a system administrator (the admin) or the demo, kept by a rebuild."""

    user = models.OneToOneField(
        "access.User", on_delete=models.CASCADE, related_name="docket_person"
    )
    person_uid = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return f"{self.user} = person {self.person_uid}"
