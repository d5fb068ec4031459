"""Docket tables.

``Event`` is the record: append-only, enforced by database triggers (see the migration
``0002_event_append_only``). Everything else here marked *projection* is derived from the
events by ``docket.projection`` in the same transaction as the append, and can be rebuilt
from the events alone (``expediente rebuild``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from expediente.time_zones import validate_time_zone


class Procedure(models.TextChoices):
    ADULT = "adult", _("Adult")
    JUVENILE = "juvenile", _("Juvenile")


class Confidentiality(models.TextChoices):
    PUBLIC = "public", _("Public")
    RESTRICTED = "restricted", _("Restricted")
    SEALED = "sealed", _("Sealed")


class Role(models.TextChoices):
    ACCUSED = "accused", _("Accused")
    VICTIM = "victim", _("Victim")
    COMPLAINANT = "complainant", _("Complainant")
    WITNESS = "witness", _("Witness")
    DEFENCE = "defence", _("Defence lawyer")
    PUBLIC_DEFENDER = "public_defender", _("Public defender")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    JUDGE = "judge", _("Judge")
    GUARDIAN = "guardian", _("Guardian")
    INTERPRETER = "interpreter", _("Interpreter")
    VICTIM_LAWYER = "victim_lawyer", _("Victim's lawyer")
    CIVIL_PARTY = "civil_party", _("Civil party")
    EXPERT = "expert", _("Expert")


class Jurisdiction(models.Model):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    rule_pack = models.CharField(_("rule pack"), max_length=50)

    def __str__(self) -> str:
        return self.name


class Court(models.Model):
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="courts")
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    office_code = models.CharField(
        _("office code"), max_length=8, help_text=_("Used in national case numbers.")
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("An IANA time zone, e.g. America/Costa_Rica: the court's clock."),
    )
    rule_pack = models.CharField(_("rule pack"), max_length=50)
    procedures = models.JSONField(
        _("procedures heard"),
        default=list,
        blank=True,
        help_text=_(
            'The procedures of its rule pack this court hears, e.g. ["juvenile"] for a '
            "juvenile court; empty: every procedure of the pack (a single court that tries "
            "adults and adolescents alike)."
        ),
    )

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        procedures = self.procedures
        known = set(Procedure.values)
        if not isinstance(procedures, list) or not all(p in known for p in procedures):
            raise ValidationError(
                {
                    "procedures": _("A list of procedures among: %(known)s.")
                    % {"known": ", ".join(sorted(known))}
                }
            )

    def hears(self, pack_procedures: Sequence[str]) -> list[str]:
        """The procedures of its pack (in the pack's order) this court hears."""
        own = self.procedures or []
        return [p for p in pack_procedures if not own or p in own]


class CaseCounter(models.Model):
    """The last number handed out per (scope, year); scope is a court code or 'national'."""

    scope = models.CharField(max_length=40)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "year"], name="case_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.year}: {self.last}"


class Case(models.Model):
    """A criminal case. Identity columns are fixed at opening; the rest is projection."""

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="cases")
    number = models.CharField(_("court number"), max_length=40)
    nuid = models.CharField(_("national identifier"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("recorded at"))
    # head of the event stream (maintained by event_record, checked by rebuild)
    last_seq = models.PositiveIntegerField(default=0)
    head_hash = models.CharField(max_length=64, default="0" * 64)
    # projection
    procedure = models.CharField(_("procedure"), max_length=10, choices=Procedure.choices)
    confidentiality = models.CharField(
        _("confidentiality"), max_length=12, choices=Confidentiality.choices
    )
    stage = models.CharField(_("stage"), max_length=40)
    stage_since = models.DateTimeField(_("in this stage since"))
    opened_at = models.DateTimeField(_("opened at"))
    police_report = models.CharField(_("police report number"), max_length=60, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    updated_at = models.DateTimeField(_("last event recorded at"))
    # who takes part and what is charged, for checking references without a query:
    # {"participants": {"P1": "accused", …}, "charges": ["C1", …]}
    roster = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["court", "number"], name="case_number_per_court"),
        ]
        indexes = [
            models.Index(fields=["court", "stage"]),
            models.Index(fields=["police_report"]),
            # the workspace's case lists: a court's cases, most recent activity first
            models.Index(fields=["court", "-updated_at", "-id"], name="case_court_activity"),
        ]

    def __str__(self) -> str:
        return self.nuid


class Person(models.Model):
    """Projection: a natural or legal person, keyed by a uid carried in event payloads."""

    class Kind(models.TextChoices):
        NATURAL = "natural", _("Natural person")
        LEGAL = "legal", _("Legal person")

    uid = models.CharField(max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    family_names = models.CharField(_("family names"), max_length=200, blank=True)
    legal_name = models.CharField(_("legal name"), max_length=300, blank=True)
    sex = models.CharField(_("sex"), max_length=10, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    id_number = models.CharField(_("identity document"), max_length=60, blank=True)
    # an ISO 3166-1 alpha-2 code, "stateless", or blank when not known (docket/countries.py)
    nationality = models.CharField(_("nationality"), max_length=9, blank=True)
    search_name = models.CharField(max_length=500, db_index=True)

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.kind == self.Kind.LEGAL:
            return self.legal_name
        return f"{self.given_names} {self.family_names}".strip()


class Participation(models.Model):
    """Projection: a person's part in a case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="participations")
    uid = models.CharField(max_length=64)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    pseudonym = models.CharField(_("pseudonym"), max_length=100, blank=True)
    protected = models.BooleanField(_("protected person"), default=False)
    added_seq = models.PositiveIntegerField()
    # a guardian's: the participant (uid, in this case) she stands for, from the pack's
    # ``participant.stands_for`` entries (docket/standing.py); "" when not recorded
    stands_for = models.CharField(
        _("stands for"), max_length=64, blank=True, default="", db_default=""
    )
    # a defence lawyer's: the accused (uids, in this case, sorted) she acts for now, from the
    # pack's ``participant.acts_for`` entries (docket/counsel.py); NULL while no entry
    # names her, [] once she acts for nobody
    acts_for = models.JSONField(_("acts for"), null=True, blank=True, default=None)
    # an accused's age at the time of the acts against the case's procedure
    # (docket/ages.py, rules/ages.py): "juvenile_in_adult", "adult_in_juvenile",
    # "under_minimum", or "" when it fits, is not known, or the person is not accused
    age_flag = models.CharField(
        _("age and procedure"), max_length=20, blank=True, default="", db_default=""
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "uid"], name="participation_uid_per_case"),
        ]
        indexes = [
            # the due list's "age and procedure do not match" (few rows: flagged ones only)
            models.Index(
                fields=["case"], condition=~models.Q(age_flag=""), name="participation_age_flag"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.uid} ({self.role})"


class Charge(models.Model):
    """Projection: an offence charged against an accused, mapped to ICCS."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="charges")
    uid = models.CharField(max_length=64)
    accused = models.ForeignKey(Participation, on_delete=models.PROTECT, related_name="charges")
    offence_code = models.CharField(_("offence"), max_length=40)
    offence_label = models.CharField(_("offence"), max_length=300)
    iccs = models.CharField(_("ICCS code"), max_length=6)
    attempted = models.BooleanField(_("attempted"), default=False)
    firearm = models.BooleanField(_("firearm involved"), default=False)
    violence_against_women = models.BooleanField(_("violence against women"), default=False)
    cyber = models.BooleanField(_("cyber-related"), default=False)
    filed_seq = models.PositiveIntegerField()
    filed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "uid"], name="charge_uid_per_case"),
        ]
        indexes = [models.Index(fields=["iccs"])]

    def __str__(self) -> str:
        return f"{self.uid} {self.offence_code}"


class Event(models.Model):
    """One entry in a case's docket. Never updated, never deleted (database triggers)."""

    # no index of its own: (case, seq) and (case, type) below both lead with it
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events", db_index=False)
    seq = models.PositiveIntegerField()
    type = models.CharField(max_length=80)
    schema_version = models.PositiveSmallIntegerField(default=1)
    occurred_at = models.DateTimeField()
    recorded_at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=160)
    payload = models.JSONField(default=dict)
    corrects_seq = models.PositiveIntegerField(null=True, blank=True)
    # Why a correction was made (docket/services/correction_reason.py): part of what was
    # recorded, so the hash covers it. NULL for every other entry and for corrections
    # recorded before reasons were asked for ("no reason recorded"). Nullable without a
    # default: SQLite adds the column in place, without rebuilding the table (and its
    # append-only triggers).
    correction_reason = models.CharField(max_length=500, null=True, blank=True)  # noqa: DJ001
    # The warnings its recorder read and confirmed that this entry needed
    # (custody/confirmations.py: an order past the legal maximum, an extension past the
    # number its term admits, a petition the same as one awaiting an answer), sorted;
    # covered by the hash. NULL when it needed none (a name confirmed but not needed is
    # not kept) and for every entry recorded before they were kept. Nullable without a
    # default, as ``correction_reason``: SQLite adds the column in place.
    confirmed = models.JSONField(null=True, blank=True)
    # NULL (not "") when absent, so the partial unique constraint below ignores it
    idempotency_key = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001
    request_digest = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "seq"], name="event_seq_per_case"),
            models.UniqueConstraint(
                # the key leads: a lookup by (actor, key) must never scan an actor's events
                fields=["idempotency_key", "actor"],
                condition=models.Q(idempotency_key__isnull=False),
                name="event_idempotency_per_actor",
            ),
        ]
        indexes = [
            # a case's entries of some types (the ones a case's status is read from)
            models.Index(fields=["case", "type"], name="event_case_type"),
        ]
        ordering = ["case_id", "seq"]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.seq} {self.type}"
