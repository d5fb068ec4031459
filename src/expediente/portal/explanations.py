"""Plain words for participants: what a stage or an event means, what happens next, and
the participant's rights at this stage.

Keyed by the rule pack's stage and event-type ids and translated through the catalogue
(gettext_lazy), so every pack gets them; a pack's own ``explain`` text in the reader's
language comes first, because a national pack can say it more exactly. An unknown stage
or event type gets a generic sentence, never nothing.

Rights are said to their reader as ``portal/addressing.Reader`` addresses them: a
guardian reads the young person's rights in the third person, a lawyer her client's.
Rights cite only international standards checked in the reference table (flag V):
ICCPR art. 9(3) and 9(4), the American Convention on Human Rights art. 7(5) and 7(6),
and the Convention on the Rights of the Child art. 37(b). National rights come from the
packs when they carry them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from expediente.docket.professional_roles import DEFENCE_ROLES
from expediente.portal.addressing import Reader
from expediente.rules.schema import Pack

STAGE_MEANS: dict[str, Promise] = {
    "investigation": _(
        "The prosecution is finding out what happened. Nobody has been found guilty. "
        "A judge makes sure everyone's rights are respected."
    ),
    "intermediate": _(
        "The prosecution has finished investigating and made its accusation. A judge will "
        "decide whether there is enough to hold a trial."
    ),
    "trial": _(
        "The case will be heard at a trial. Judges will listen to the evidence of the "
        "prosecution and the defence, and then decide."
    ),
    "judgment": _(
        "The court has decided. The decision can still be appealed within the time the law allows."
    ),
    "appeal": _("Someone has appealed. A higher court is looking at the decision again."),
    "enforcement": _(
        "The decision is final and is being carried out. A judge checks that it is done properly."
    ),
    "closed": _("The case has ended. The court keeps its record."),
}

STAGE_NEXT: dict[str, Promise] = {
    "investigation": _(
        "The prosecution may ask for a trial, ask for the case to be closed, or agree a "
        "solution with the parties. There may be hearings before a judge."
    ),
    "intermediate": _(
        "There will be a hearing where the judge decides whether the case goes to trial."
    ),
    "trial": _("The court will set the trial dates. At the end of the trial it gives a decision."),
    "judgment": _(
        "If nobody appeals in time, the decision becomes final. If someone appeals, a higher "
        "court will look at it."
    ),
    "appeal": _(
        "The higher court will decide whether the decision stands, changes or is "
        "sent back for a new trial."
    ),
    "enforcement": _("The court will follow the sentence until it has been served."),
    "closed": _(
        "Nothing more is planned. The case can only be reopened for a reason the law allows."
    ),
}

RIGHTS_ANYONE: list[Promise] = [
    _("You can follow the case here at every stage, and ask the court clerk what a step means."),
]
RIGHTS_ACCUSED: list[Promise] = [
    _(
        "Someone arrested must be brought before a judge promptly, and tried within a "
        "reasonable time or released; detention while waiting for trial must not be the "
        "general rule (International Covenant on Civil and Political Rights, art. 9(3); "
        "American Convention on Human Rights, art. 7(5))."
    ),
    _(
        "Anyone detained can ask a court to decide without delay whether the detention is "
        "lawful, and to order release if it is not (ICCPR art. 9(4); American Convention, "
        "art. 7(6), habeas corpus)."
    ),
]
# said to the accused only; a guardian reads ``_ward_lawyer``, a lawyer nothing
OWN_LAWYER = _("Your lawyer can explain each step and speak for you at every hearing.")
RIGHTS_JUVENILE: list[Promise] = [
    _(
        "A child may be detained only as a last resort and for the shortest appropriate "
        "time (Convention on the Rights of the Child, art. 37(b))."
    ),
]
RIGHTS_VICTIM: list[Promise] = [
    _(
        "You can follow the case without showing your name to the other side when the court "
        "has protected your identity."
    ),
    _(
        "If you feel at risk, tell the court clerk or the prosecution: the court can order "
        "protection."
    ),
]
# the victim's rights as her lawyer reads them
RIGHTS_VICTIM_FOR_COUNSEL: list[Promise] = [
    _(
        "A victim whose identity the court has protected can follow the case without the "
        "other side seeing their name."
    ),
    _(
        "If your client feels at risk, tell the court clerk or the prosecution: the court "
        "can order protection."
    ),
]

# the rights of a child victim, complainant or witness as her guardian reads them
RIGHTS_VICTIM_FOR_GUARDIAN: list[Promise] = [
    _(
        "A victim whose identity the court has protected can follow the case without the "
        "other side seeing their name."
    ),
    _(
        "If the person you are responsible for, or you, feel at risk, tell the court clerk "
        "or the prosecution: the court can order protection."
    ),
]

EVENT_MEANS: dict[str, Promise] = {
    "case.opened": _("The court opened this case."),
    "participant.added": _("The court registered a person taking part in the case."),
    "participant.stands_for": _(
        "The court recorded whom a parent or legal guardian is responsible for in this case."
    ),
    "participant.acts_for": _(
        "The court recorded which defence lawyer acts for a person accused in this case, or "
        "that the lawyer no longer does."
    ),
    "charge.filed": _(
        "The prosecution said which offence it believes was committed. "
        "This is an accusation, not a finding of guilt."
    ),
    "custody.arrested": _(
        "The person was arrested. They must be brought before a judge within the legal time limit."
    ),
    "custody.placed_before_judge": _("The detained person was brought before a judge."),
    "custody.hearing_requested": _(
        "The prosecution asked for a hearing to decide whether the person stays in detention."
    ),
    "custody.hearing_held": _(
        "A judge held a hearing and decided whether the person stays "
        "in detention while the case goes on."
    ),
    "custody.pretrial_ordered": _(
        "The judge ordered that the person stay in detention while "
        "the case goes on. The law says when this must be reviewed "
        "and how long it may last at most."
    ),
    "custody.pretrial_extended": _(
        "A court allowed the detention to last longer than first ordered."
    ),
    "custody.pretrial_reviewed": _(
        "A judge looked again at whether the detention is still needed."
    ),
    "custody.pretrial_replaced": _(
        "The detention was replaced by other conditions, such as reporting to the court."
    ),
    "custody.pretrial_lifted": _("The judge ended the detention."),
    "custody.released": _("The person was released."),
    "custody.transferred": _("The detained person was moved to another detention centre."),
    "custody.escaped": _("The person escaped from custody."),
    "custody.recaptured": _("The person who had escaped is in custody again."),
    "custody.sentence_started": _("The person began serving the sentence the court imposed."),
    "custody.sentence_ended": _(
        "The person finished serving the sentence, or was let out before the end of it."
    ),
    "sentence.computed": _(
        "The court worked out the day the sentence ends. On that day the person must be released."
    ),
    "hearing.scheduled": _("The court set a date for a hearing."),
    "hearing.rescheduled": _("The hearing was moved to another date."),
    "hearing.held": _("The hearing took place."),
    "hearing.not_held": _("The hearing did not take place. The court will set a new date."),
    "indictment.filed": _("The prosecution formally accused the person and asked for a trial."),
    "trial.committed": _("A judge decided the case goes to trial."),
    "verdict.delivered": _("The court gave its decision on guilt."),
    "appeal.filed": _("Someone asked a higher court to look at the decision again."),
    "appeal.decided": _("The higher court decided the appeal."),
    "retrial.ordered": _("A new trial was ordered."),
    "judgment.final": _("The decision can no longer be appealed: it is final."),
    "case.dismissed": _("The case ended without a trial. The person was not convicted."),
    "case.closed": _("The case was closed."),
    "case.reopened": _("The case was reopened."),
    "case.sealed": _("The court ordered that the case be seen only inside the court."),
    "case.unsealed": _("The court lifted the order that kept the case inside the court."),
    "case.expunged": _(
        "The court ordered the case erased from every record outside the court. "
        "The court keeps the file."
    ),
    "petition.filed": _(
        "Someone in the case asked the court to protect their rights. The court must answer."
    ),
    "petition.decided": _("The court answered a petition."),
    "measure.imposed": _(
        "The judge ordered a measure the person must comply with, such as "
        "reporting to the court. The court checks that it is followed."
    ),
    "measure.modified": _("The judge changed the conditions of a measure."),
    "measure.ended": _("A measure has ended: the person no longer has to comply with it."),
    "measure.revoked": _("The judge cancelled a measure because it was not complied with."),
    "measure.completed": _("The person has complied with the measure in full."),
    "measure.checked_in": _("The person reported to the court as ordered."),
    "measure.hours_logged": _("Hours of community service were recorded."),
    "measure.payment_made": _("A payment ordered by the court was recorded."),
    "measure.attended": _("The person attended a session of a programme the court ordered."),
    "measure.device_event": _("The electronic monitoring system reported something."),
    "measure.violation_reported": _(
        "Someone told the court that a measure was not "
        "complied with. The judge will decide what to do."
    ),
    "measure.violation_responded": _(
        "The judge decided what to do about a measure that was not complied with."
    ),
    "conciliation.approved": _(
        "The victim and the accused reached an agreement and the judge approved it."
    ),
    "probation_suspension.granted": _(
        "The case is paused while the person meets some conditions. If they do, the case ends."
    ),
    "abbreviated_procedure.admitted": _(
        "The case will be decided in a shorter procedure, without a full trial."
    ),
}

GENERIC_STAGE = _("The case is at this stage. Ask the court clerk what it means for you.")
GENERIC_EVENT = _("The court recorded this step in the case.")
CORRECTION = _(
    "The court corrected an earlier entry. The earlier entry stays in the record, "
    "marked as corrected."
)
# a death in custody the court then said it recorded by mistake (``in_error``)
DEATH_TAKEN_BACK = _(
    "The court recorded this death by mistake: the person did not die. Their custody goes "
    "on as before."
)
DEATH_RECORDED_BY_MISTAKE = _("The court later said that this entry was recorded by mistake.")


def _pack_text(text: dict[str, str] | None) -> str:
    """The pack's own text in the reader's language exactly (no other language)."""
    if not text:
        return ""
    return text.get((get_language() or "es")[:2], "")


def stage_means(pack: Pack, stage: str) -> str:
    found = next((s for s in pack.stages if s.id == stage), None)
    own = _pack_text(dict(found.explain) if found and found.explain else None)
    return own or str(STAGE_MEANS.get(stage, GENERIC_STAGE))


def stage_next(stage: str) -> str:
    return str(STAGE_NEXT.get(stage, GENERIC_STAGE))


def event_means(pack: Pack, type_name: str) -> str:
    et = pack.event_types.get(type_name)
    own = _pack_text(dict(et.explain) if et and et.explain else None)
    return own or str(EVENT_MEANS.get(type_name, GENERIC_EVENT))


YOUR_RIGHTS = _("Your rights")
CLIENTS_RIGHTS = _("Your client's rights")


@dataclass(frozen=True)
class Rights:
    """One panel of rights: whose (its heading) and what, each with its source."""

    heading: str
    items: list[str]


def rights(reader: Reader) -> list[Rights]:
    """The rights a participant's page shows at any stage, each with its source, as its
    reader is addressed (``portal/addressing.py``): the accused and the victim read
    their own; a guardian reads hers, then the young person's, in the third person;
    a lawyer reads hers, then her client's."""
    role, juvenile = reader.role, reader.juvenile
    anyone = [str(r) for r in RIGHTS_ANYONE]
    accused = [str(r) for r in RIGHTS_ACCUSED]
    child = [str(r) for r in RIGHTS_JUVENILE] if juvenile else []
    yours, clients = str(YOUR_RIGHTS), str(CLIENTS_RIGHTS)
    if role == "accused":
        return [Rights(yours, [*anyone, *accused, str(OWN_LAWYER), *child])]
    if reader.acts_for == "ward" and reader.ward_side == "victim":
        return [
            Rights(yours, anyone),
            Rights(_ward_heading(reader), [str(r) for r in RIGHTS_VICTIM_FOR_GUARDIAN]),
        ]
    if reader.acts_for == "ward":
        return [
            Rights(yours, anyone),
            Rights(_ward_heading(reader), [*accused, _ward_lawyer(reader), *child]),
        ]
    if role in DEFENCE_ROLES:
        return [Rights(yours, anyone), Rights(clients, accused + child)]
    if role == "victim_lawyer":
        victim = [str(r) for r in RIGHTS_VICTIM_FOR_COUNSEL]
        return [Rights(yours, anyone), Rights(clients, victim)]
    if role in ("victim", "complainant", "civil_party", "witness"):
        return [Rights(yours, anyone + [str(r) for r in RIGHTS_VICTIM])]
    return [Rights(yours, anyone)]


def _ward_heading(reader: Reader) -> str:
    if reader.ward:
        return _("The rights of %(name)s") % {"name": reader.ward}
    if reader.juvenile:
        return str(_("The rights of the young person you are responsible for"))
    return str(_("The rights of the person you are responsible for"))


def _ward_lawyer(reader: Reader) -> str:
    if reader.ward:
        return _(
            "The lawyer of %(name)s can explain each step to you, and speaks for %(name)s "
            "at every hearing."
        ) % {"name": reader.ward}
    if reader.juvenile:
        return str(
            _(
                "The lawyer of the young person you are responsible for can explain each "
                "step to you, and speaks for them at every hearing."
            )
        )
    return str(
        _(
            "The lawyer of the person you are responsible for can explain each step to "
            "you, and speaks for them at every hearing."
        )
    )


HEARING_KIND_MEANS: dict[str, Promise] = {
    "custody": _("A judge decides whether the person stays in detention while the case goes on."),
    "preliminary": _(
        "A judge hears the accusation and the defence and decides whether the case goes to trial."
    ),
    "trial": _("The court hears the evidence and the witnesses, and then decides."),
    "sentencing": _("The court says what the sentence is."),
    "appeal": _("A higher court hears why the decision should or should not change."),
    "review": _("A judge looks again at whether the detention or other measures are still needed."),
    "enforcement": _("A judge checks how the sentence is being carried out."),
}
GENERIC_HEARING = _("The court will hear the parties. Ask the court clerk what it is about.")


def hearing_means(kind: str) -> str:
    return str(HEARING_KIND_MEANS.get(kind, GENERIC_HEARING))
