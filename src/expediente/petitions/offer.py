"""Which petitions a participant is offered on their case page, by role, by the case's
state and by the custody record of the person the petition would concern:

- a review of the detention or a habeas corpus while that person is held (any kind of
  custody, police custody included);
- a complaint of ill-treatment in custody to someone who is or was held;
- protection for victims and witnesses;
- a complaint of delay and a request for information for anyone.

Nothing is offered once the case's stage no longer allows a petition (a closed case).
The person a detention petition concerns is the accused for their own participation;
for the defence, the accused of the case they act for (the docket does not record which
accused a defender stands for: any of them held counts); for a guardian, the accused the
docket records she stands for, or any accused when it records nobody; a guardian it
records for a victim, complainant or witness is offered what that person is
(``acting_role``);
a lawyer filing from /my/ is offered what her client is (``portal/counsel_petitions``).
The custody record is the custody projection (``custody.CustodyPeriod``: one row per
stretch of custody, open while the person is held).

In a sealed case only the detention petitions are offered: a participant reads such a
case only for the detention of someone held (``access/detention_part.py``).

Every kind is listed explicitly, and an unknown role gets only what anyone may ask. The
prosecution is offered none: it is a party that files with the court directly, and the
portal's forms (and /my/'s) are the accused's side's and the victim's.
``custody_refusal`` says why a kind the role may ask is not offered now, naming
``payload.kind``: the portal answers a request made for it anyway with it.
``detention_choices`` lists the accused held now among whom the defence (or a guardian
for whom nobody is recorded) chooses whose detention a review or habeas corpus is about,
when several are held (``petitions/detention.py``, ``payload.concerns``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from expediente.custody.models import CustodyPeriod
from expediente.custody.selectors import held_at
from expediente.docket.counsel import COUNSEL_ROLES, clients_of
from expediente.docket.errors import InvalidInput, Words
from expediente.docket.models import Case, Participation
from expediente.docket.professional_roles import PROSECUTION_ROLES
from expediente.docket.standing import GUARDIAN, standing_of
from expediente.petitions.models import Kind
from expediente.rules.loader import load_pack
from expediente.rules.stages import StageError, check_allowed

FILED = "petition.filed"
KIND_FIELD = "payload.kind"
ACCUSED_SIDE = frozenset({"accused", "defence", "public_defender", "guardian"})
VICTIM_SIDE = frozenset({"victim", "complainant", "witness", "victim_lawyer", "civil_party"})
# offered while the person it concerns is held
WHILE_HELD = (Kind.DETENTION_REVIEW, Kind.HABEAS_CORPUS)
# offered to someone who is or was held
ONCE_HELD = (Kind.ILL_TREATMENT,)

# The action as the participant reads it: a verb, what they ask for.
ASK: dict[str, Promise] = {
    Kind.DETENTION_REVIEW: _("Ask the court to review the detention"),
    Kind.HABEAS_CORPUS: _(
        "Ask a judge to decide at once whether the detention is lawful (habeas corpus)"
    ),
    Kind.PROTECTIVE_MEASURE: _("Ask for protection"),
    Kind.ILL_TREATMENT: _("Report ill-treatment in custody"),
    Kind.DELAY: _("Complain that the case is taking too long"),
    Kind.INFORMATION: _("Ask the court for information"),
}

# What each petition is for, in plain words, shown on the form.
MEANS: dict[str, Promise] = {
    Kind.DETENTION_REVIEW: _(
        "The judge looks again at whether the detention is still needed, and may order "
        "release or other conditions."
    ),
    Kind.HABEAS_CORPUS: _(
        "Anyone detained can ask a court to decide without delay whether the detention is "
        "lawful, and to order release if it is not (ICCPR art. 9(4); American Convention, "
        "art. 7(6))."
    ),
    Kind.PROTECTIVE_MEASURE: _(
        "Tell the court what puts you at risk. The court can order measures to protect you."
    ),
    Kind.ILL_TREATMENT: _(
        "Tell the court what happened, when and where. The court must look into it."
    ),
    Kind.DELAY: _("Tell the court what has been waiting, and since when."),
    Kind.INFORMATION: _("Ask what you want to know about the case."),
}

# The same, where a lawyer asks on behalf of her client (the reader is not at risk).
MEANS_FOR_CLIENT: dict[str, Promise] = {
    Kind.PROTECTIVE_MEASURE: _(
        "Tell the court what puts your client at risk. The court can order measures to "
        "protect your client."
    ),
}

# Why a detention petition is not offered (``custody_refusal``), for the field
# ``payload.kind``: what the record shows, that nothing was sent, what to do.
NOT_HELD_NOW = gettext_noop(
    "This petition is for someone held in custody now, and the court's record does not "
    "show the person it would concern held now. Nothing was sent. If they are held, tell "
    "the court clerk, who can record it and file the petition."
)
NEVER_HELD = gettext_noop(
    "This petition is for someone who is or was held in custody in this case, and the "
    "court's record shows no time in custody for the person it would concern. Nothing was "
    "sent. If they were held, tell the court clerk, who can record it and file the petition."
)


@dataclass(frozen=True)
class Custody:
    """What the custody record says of the person (or people) a petition would concern."""

    now: bool  # held at this moment
    ever: bool  # held at some time in this case (now included)


def kinds_for(role: str, *, custody: Custody) -> list[str]:
    """The kinds of petition a participant with ``role`` may file, in the order shown:
    none for the prosecution, which addresses the court in its own filings (through the
    court office, or its system's API), not through the portal's forms, which are the
    channel of the accused's side and the victim's."""
    if role in PROSECUTION_ROLES:
        return []
    out: list[str] = []
    if role in ACCUSED_SIDE and custody.now:
        out += list(WHILE_HELD)
    if role in VICTIM_SIDE:
        out.append(Kind.PROTECTIVE_MEASURE)
    if role in ACCUSED_SIDE and custody.ever:
        out += list(ONCE_HELD)
    out += [Kind.DELAY, Kind.INFORMATION]
    return [str(k) for k in out]


def acting_role(case: Case, participation: Participation) -> str:
    """The role a participant asks the court as: her own, except a guardian the docket
    records as standing for a victim, complainant or witness (``docket/standing.py``),
    who asks as that person would (protection, not a detention review). A guardian for
    the accused, or for whom nobody is recorded, stays on the accused's side."""
    if participation.role != GUARDIAN or not participation.stands_for:
        return participation.role
    standing = standing_of(case, participation.uid)
    if standing is not None and standing.for_victim_side:
        return standing.ward_role
    return participation.role


def custody_of(case: Case, participation: Participation) -> Custody:
    """The custody record of whom ``participation``'s detention petitions concern: the
    accused themself; for a guardian the docket records as standing for an accused, that
    accused; for anyone else on the accused's side, every accused of the case.
    One query (none for a role on no side of custody)."""
    if acting_role(case, participation) not in ACCUSED_SIDE:
        return Custody(now=False, ever=False)
    periods = CustodyPeriod.objects.filter(case_id=case.pk, participation__role="accused")
    if participation.role == "accused":
        periods = periods.filter(participation_id=participation.pk)
    elif participation.role == GUARDIAN and participation.stands_for:
        periods = periods.filter(participation__uid=participation.stands_for)
    ends = list(periods.values_list("ended_at", flat=True))
    return Custody(now=any(end is None for end in ends), ever=bool(ends))


def _stage_allows(case: Case) -> bool:
    pack = load_pack(case.court.rule_pack)
    try:
        check_allowed(pack, FILED, stage=case.stage, procedure=case.procedure)
    except StageError:
        return False
    return True


def petition_kinds_offered(*, case: Case, participation: Participation) -> list[str]:
    """What this participant may ask for now: nothing if the case's stage allows no
    petition, else by role and by the custody record (``custody_of``). In a sealed case
    (which a participant reads only for the detention of someone held:
    ``access/detention_part.py``), only the petitions about a detention (``WHILE_HELD``)."""
    if not _stage_allows(case):
        return []
    kinds = kinds_for(acting_role(case, participation), custody=custody_of(case, participation))
    if case.confidentiality == "sealed":
        return [k for k in kinds if k in WHILE_HELD]
    return kinds


def custody_refusal(*, case: Case, participation: Participation, kind: str) -> InvalidInput | None:
    """Why ``kind``, which ``participation``'s role may ask for, is not offered now: the
    custody record does not show the person it would concern held (now, or ever for a
    complaint of ill-treatment in custody), naming ``payload.kind``. None when the kind
    is offered, or is not one the role may ever ask for here (no such form for them), or
    the case's stage allows no petition."""
    if kind not in kinds_for(
        acting_role(case, participation), custody=Custody(now=True, ever=True)
    ):
        return None
    if not _stage_allows(case):
        return None
    custody = custody_of(case, participation)
    if kind in WHILE_HELD and not custody.now:
        return InvalidInput.of(KIND_FIELD, Words(NOT_HELD_NOW, {}))
    if kind in ONCE_HELD and not custody.ever:
        return InvalidInput.of(KIND_FIELD, Words(NEVER_HELD, {}))
    return None


def detention_choices(
    *, case: Case, participation: Participation, kind: str
) -> list[Participation]:
    """The accused held now among whom ``participation`` chooses whose detention a
    petition of ``kind`` is about: for the defence, or a guardian for whom the docket
    records nobody, when several accused are held (among them, for a lawyer the docket
    records acting for some, only those: ``docket/counsel.py``); [] otherwise (an accused
    asks about their own detention, a guardian about her ward's, and with one accused held
    it is theirs). One query, or none."""
    if kind not in WHILE_HELD:
        return []
    unknown_guardian = participation.role == GUARDIAN and not participation.stands_for
    if participation.role not in COUNSEL_ROLES and not unknown_guardian:
        return []
    held = held_at(case, timezone.now())
    clients = clients_of(participation)
    if clients is not None:
        held = {uid: v for uid, v in held.items() if uid in clients}
    if len(held) < 2:
        return []
    rows = Participation.objects.filter(case_id=case.pk, uid__in=list(held), role="accused")
    return list(rows.select_related("person").order_by("added_seq"))
