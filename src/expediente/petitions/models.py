"""Petitions: what participants ask the court to protect their rights.

``Petition`` is a projection of the event log (``petition.filed`` and
``petition.decided``), kept by ``petitions.projector`` in the same transaction as each
append and rebuilt from the events alone. Its answer deadline is not here: the rule
pack's deadline engine computes it, and ``custody.Deadline`` lists it with the others.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from expediente.docket.models import Case, Court, Participation


class Kind(models.TextChoices):
    DETENTION_REVIEW = "detention_review", _("Review of the detention")
    HABEAS_CORPUS = "habeas_corpus", _("Habeas corpus")
    PROTECTIVE_MEASURE = "protective_measure", _("Protection")
    ILL_TREATMENT = "ill_treatment_complaint", _("Complaint of ill-treatment")
    DELAY = "delay_complaint", _("Complaint of delay")
    INFORMATION = "information_request", _("Request for information")


class FiledVia(models.TextChoices):
    PORTAL = "portal", _("the portal")
    CLERK = "clerk", _("the court clerk")


class Outcome(models.TextChoices):
    # said of a petition: its own context, so each language can agree with its word for
    # it (feminine in es "solicitud", pt "petição", fr "requête": "deferida", not
    # "deferido")
    GRANTED = "granted", pgettext_lazy("petition", "granted")
    DENIED = "denied", pgettext_lazy("petition", "denied")
    PARTLY_GRANTED = "partly_granted", pgettext_lazy("petition", "partly granted")
    REFERRED = "referred", pgettext_lazy("petition", "sent to the competent authority")
    ANSWERED = "answered", pgettext_lazy("petition", "answered")


class Detention(models.TextChoices):
    """What a decision on a petition about a detention does to it (the pack's
    ``petition.decided`` field ``detention``; ``petitions/detention.py`` records the
    custody entry each brings)."""

    MAINTAINED = "maintained", _("Reviewed: the detention is upheld")
    LIFTED = "lifted", _("The pretrial detention is lifted")
    REPLACED = "replaced", _("The pretrial detention is replaced by other measures")
    NONE = "none", _("Nothing about the detention")


class Petition(models.Model):
    """Projection: one petition, from its filing to the court's decision."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("petition", "awaiting an answer")
        DECIDED = "decided", pgettext_lazy("petition", "decided")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="petitions")
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+")
    filed_seq = models.PositiveIntegerField()
    filed_at = models.DateTimeField()
    receipt = models.CharField(max_length=120, unique=True)
    fingerprint = models.CharField(max_length=16)  # the filing event's hash prefix
    kind = models.CharField(max_length=40, choices=Kind.choices)
    petitioner = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="petitions"
    )
    filed_via = models.CharField(max_length=10, choices=FiledVia.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_seq = models.PositiveIntegerField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    # Whose detention a petition about a detention concerns, as its filing says: its
    # ``concerns``, else the accused petitioner or the accused a guardian stands for
    # (None: not said, or not such a petition; the review request it brought, if any,
    # names the person: ``petitions.detention.subject_of``).
    concerns = models.ForeignKey(
        Participation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The ``custody.review_requested`` entry the filing brought (cr: CPP art. 253), if any.
    review_request_seq = models.PositiveIntegerField(null=True, blank=True)
    # What the decision did to the detention (``Detention``; "" when it says nothing).
    detention = models.CharField(max_length=20, choices=Detention.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "filed_seq"], name="petition_per_filing")
        ]
        indexes = [models.Index(fields=["court", "status"], name="petition_court_status")]
        ordering = ["case_id", "filed_seq"]

    def __str__(self) -> str:
        return self.receipt
