"""Which petitions a participant is offered on their case page, by role and by the
case's state: a review of the detention or a habeas corpus only while someone in the
case is detained; protection for victims and witnesses; a complaint of ill-treatment on
the accused's side; a complaint of delay and a request for information for anyone.
Nothing is offered once the case's stage no longer allows a petition (a closed case).

Every kind is listed explicitly, and an unknown role gets only what anyone may ask.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from expediente.custody.models import CustodyPeriod
from expediente.docket.models import Case
from expediente.petitions.models import Kind
from expediente.rules.loader import load_pack
from expediente.rules.stages import StageError, check_allowed

FILED = "petition.filed"
ACCUSED_SIDE = frozenset({"accused", "defence", "public_defender", "guardian"})
VICTIM_SIDE = frozenset({"victim", "complainant", "witness", "victim_lawyer", "civil_party"})

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


def kinds_for(role: str, *, detained: bool) -> list[str]:
    """The kinds of petition a participant with ``role`` may file, in the order shown."""
    out: list[str] = []
    if role in ACCUSED_SIDE and detained:
        out += [Kind.DETENTION_REVIEW, Kind.HABEAS_CORPUS]
    if role in VICTIM_SIDE:
        out.append(Kind.PROTECTIVE_MEASURE)
    if role in ACCUSED_SIDE:
        out.append(Kind.ILL_TREATMENT)
    out += [Kind.DELAY, Kind.INFORMATION]
    return [str(k) for k in out]


def someone_detained(case: Case) -> bool:
    return CustodyPeriod.objects.filter(case=case, ended_at__isnull=True).exists()


def petition_kinds_offered(*, case: Case, role: str) -> list[str]:
    """What this participant may ask for now: nothing if the case's stage allows no
    petition, else by role, and the detention ones only while someone is detained."""
    pack = load_pack(case.court.rule_pack)
    try:
        check_allowed(pack, FILED, stage=case.stage, procedure=case.procedure)
    except StageError:
        return []
    return kinds_for(role, detained=someone_detained(case))
