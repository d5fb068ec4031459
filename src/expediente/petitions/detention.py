"""What a petition about a detention does to the detention clock, on filing and on the
court's decision. The petitions projector (``projector.py``) calls these: its ``check``
refuses before anything is written, its ``then`` names the custody entry that follows,
which ``event_record`` records through itself in the same transaction, whatever path
filed or decided the petition (the portal, /my/, the clerk's forms, the API).

Filing. Where the pack has ``custody.review_requested`` (cr: CPP art. 253, "sus
solicitudes interrumpen el plazo", which restarts the count of the court's own review),
a petition of kind ``detention_review`` that is the accused's request brings that entry,
naming the person and the petition, when the person is held in pretrial detention at
the filing's moment. The accused's request (``whose``): the accused's own, the defence's
(``defence``, ``public_defender``) and a guardian's for the accused (or for nobody
recorded: ``docket/standing.py``); a victim's, a prosecutor's or anyone else's is not.
That the defence's and a guardian's requests are the accused's is our reading of
"sus solicitudes", to confirm (the pack says so). Which accused: the petitioner if
accused, the guardian's ward, else the filing's ``concerns``, else the one accused held
at that moment; for the defence or such a guardian in a case with several accused held,
the filing must name one (``payload.concerns``). ``concerns`` names an accused held at
the filing's moment (any kind of custody), and the petitioner's own accused when the
petitioner is one or stands for one.

Deciding. A decision on a ``detention_review`` or ``habeas_corpus`` petition may say
what it does to the detention (``detention``): ``maintained`` brings
``custody.pretrial_reviewed`` (outcome maintained), ``lifted``
``custody.pretrial_lifted``, ``replaced`` ``custody.pretrial_replaced`` (with the
``measures`` that entry requires), ``none`` nothing. Each names ``person``: held in
pretrial detention at the decision's moment, and the one the petition concerns when it
is known. The custody projector's own checks then hold the entry to the record (a
detention order in force), naming ``payload.person`` as the decision does. Where the
pack's review entry says whether the review was held in a hearing (its field ``hearing``:
cl, CPP art. 145, met only by a review held in one), a decision that maintains the
detention passes its own ``in_hearing`` to it; where that field is required, a decision
that brings the review without the answer is refused, naming ``payload.in_hearing`` and
the field's article (``answer_for``: an import, which brings nothing and carries its own
review line, is not). Elsewhere ``in_hearing`` stays on the decision only.

Corrections bring nothing (an entry on the record cannot be taken back): a correction
of a filing that brought a request keeps its kind, petitioner and ``concerns``, and a
correction of a decision keeps ``detention``, ``person``, ``measures`` and
``in_hearing``; the custody entry is corrected on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_noop

from expediente.custody.models import Kind as Held
from expediente.custody.selectors import held_at
from expediente.docket.corrections import as_last_corrected
from expediente.docket.counsel import COUNSEL_ROLES
from expediente.docket.errors import InvalidInput, Words
from expediente.docket.models import Case, Event, Participation
from expediente.docket.selectors import correction_root
from expediente.docket.standing import ACCUSED, GUARDIAN, Standing, standing_of
from expediente.petitions.models import Detention, Kind, Petition
from expediente.rules.citation import cite_law
from expediente.rules.schema import FieldSpec, Pack
from expediente.rules.stages import StageError, check_allowed

REVIEW = str(Kind.DETENTION_REVIEW)
# the petitions about a detention: they may name whose (``concerns``), and their
# decision may say what it does to it (``detention``)
ABOUT_DETENTION = frozenset({REVIEW, str(Kind.HABEAS_CORPUS)})
REQUESTED = "custody.review_requested"
CONCERNS = "payload.concerns"
PERSON = "payload.person"
EFFECT = "payload.detention"
MEASURES = "payload.measures"
IN_HEARING = "payload.in_hearing"
REVIEWED = "custody.pretrial_reviewed"
# the review entry's field saying it was held in a hearing (cl: CPP art. 145), which a
# decision that maintains the detention fills from its own ``in_hearing``
HEARING = "hearing"
# what each answer about the detention brings: the custody entry's type and payload
BRINGS: dict[str, tuple[str, dict[str, Any]]] = {
    Detention.MAINTAINED: ("custody.pretrial_reviewed", {"outcome": "maintained"}),
    Detention.LIFTED: ("custody.pretrial_lifted", {}),
    Detention.REPLACED: ("custody.pretrial_replaced", {}),
}
# the decision's fields a correction keeps (their custody entry is corrected on its own)
KEPT_BY_DECISION = ("detention", "person", "measures", "in_hearing")
KEPT_BY_FILING = ("kind", "petitioner", "concerns")


@dataclass(frozen=True)
class Whose:
    """Whose detention a petition is about, as far as the filing itself says."""

    person: str | None  # the accused; None: not said (the one held, if only one is)
    accused_side: bool  # the request is the accused's: theirs, their defence's, their guardian's
    fixed: bool = False  # the petitioner is that accused, their guardian, or their one lawyer
    # a lawyer of the defence's: the accused the docket records her acting for now
    # (docket/counsel.py); None when nothing is recorded (she may speak for any accused)
    clients: frozenset[str] | None = None

    def among(self, held: Mapping[str, Any]) -> dict[str, Any]:
        """Those held that this request may be about (every one held, or her clients)."""
        if self.clients is None:
            return dict(held)
        return {uid: v for uid, v in held.items() if uid in self.clients}


def whose(
    case: Case, payload: dict[str, Any], *, known: Mapping[str, Standing] | None = None
) -> Whose:
    """Whose detention the filing ``payload`` concerns and whether the request is the
    accused's (one query: the petitioner's standing; none when the case's standings are
    given as ``known``)."""
    petitioner = str(payload.get("petitioner") or "")
    concerns = payload.get("concerns")
    named = str(concerns) if isinstance(concerns, str) and concerns else None
    standing = known.get(petitioner) if known is not None else standing_of(case, petitioner)
    if standing is None:
        return Whose(named, False)
    if standing.role == ACCUSED:
        return Whose(petitioner, True, fixed=True)
    if standing.for_accused:
        return Whose(standing.ward, True, fixed=True)
    if standing.role in COUNSEL_ROLES and standing.acts_for is not None:
        # the docket says whom she acts for: her request is theirs, and only theirs
        clients = standing.acts_for
        if named is None and len(clients) == 1:
            return Whose(next(iter(clients)), True, fixed=True, clients=clients)
        return Whose(named, bool(clients), clients=clients)
    if standing.role in COUNSEL_ROLES or (standing.role == GUARDIAN and standing.unknown):
        return Whose(named, True)
    return Whose(named, False)


def _refuse(field: str, words: Words, message: str) -> InvalidInput:
    return InvalidInput.of(field, words, f"{field}: {message}")


def _allowed(pack: Pack, type_name: str, case: Case) -> bool:
    try:
        check_allowed(pack, type_name, stage=case.stage, procedure=case.procedure)
    except StageError:
        return False
    return True


# ------------------------------------------------------------------------------ filing


def check_filing(
    case: Case,
    pack: Pack,
    payload: dict[str, Any],
    occurred_at: dt.datetime,
    corrects_seq: int | None,
) -> None:
    """Refuse a filing that names whose detention wrongly, or that must name it and does
    not; and a correction that would change what the request it brought rests on."""
    if corrects_seq is not None:
        _check_kept(case, payload, corrects_seq)
    if payload.get("kind") not in ABOUT_DETENTION:
        return  # the payload model refuses ``concerns`` on any other kind (``only_if``)
    w = whose(case, payload)
    named = payload.get("concerns")
    held = held_at(case, occurred_at)
    if isinstance(named, str) and named:
        if named not in held:
            raise _refuse(
                CONCERNS,
                Words(
                    gettext_noop(
                        "%(person)s is not held in custody on %(when)s: a petition about a "
                        "detention names an accused who is held"
                    ),
                    {"person": named, "when": occurred_at},
                ),
                f"participant {named!r} is not in custody at {occurred_at.isoformat()}; "
                "name an accused who is held",
            )
        if w.clients is not None and named not in w.clients:
            raise _refuse(
                CONCERNS,
                Words(
                    gettext_noop(
                        "the docket does not record this lawyer acting for %(person)s: a "
                        "petition about a detention names an accused the lawyer acts for"
                    ),
                    {"person": named},
                ),
                f"the petitioner is not recorded as acting for {named!r}",
            )
        if w.fixed and w.person != named:
            assert w.person is not None
            raise _refuse(
                CONCERNS,
                Words(
                    gettext_noop(
                        "this petitioner asks about the detention of %(person)s only: leave "
                        "this empty or choose them"
                    ),
                    {"person": w.person},
                ),
                f"the petitioner asks about the detention of {w.person!r} only",
            )
        return
    if payload.get("kind") != REVIEW or REQUESTED not in pack.event_types:
        return
    # a correction brings no request: a filing recorded before this rule is not held to it
    held = w.among(held)
    if corrects_seq is None and w.accused_side and w.person is None and len(held) > 1:
        people = ", ".join(sorted(held))
        raise _refuse(
            CONCERNS,
            Words(
                gettext_noop(
                    "several accused are held in this case (%(people)s): say whose detention "
                    "the court is asked to review"
                ),
                {"people": people},
            ),
            f"several accused are held ({people}): name whose detention is to be reviewed",
        )


def _changed(
    case: Case, payload: dict[str, Any], corrects_seq: int, kept: tuple[str, ...]
) -> str | None:
    """The first of the ``kept`` fields that this correction of entry ``corrects_seq``
    changes, or None."""
    was = Event.objects.filter(case_id=case.pk, seq=corrects_seq).values_list("payload", flat=True)
    before = was.first() or {}
    return next((name for name in kept if before.get(name) != payload.get(name)), None)


def _check_kept(case: Case, payload: dict[str, Any], corrects_seq: int) -> None:
    """A correction of a filing that brought a review request keeps what that request
    rests on: its kind, petitioner and whose detention."""
    root = correction_root(case, corrects_seq)
    brought = (
        Petition.objects.filter(case_id=case.pk, filed_seq=root)
        .values_list("review_request_seq", flat=True)
        .first()
    )
    if brought is None:
        return
    name = _changed(case, payload, corrects_seq, KEPT_BY_FILING)
    if name is not None:
        raise _refuse(
            f"payload.{name}",
            Words(
                gettext_noop(
                    "this petition brought the request for a review of entry %(entry)s: "
                    "a correction keeps what the request rests on (correct entry "
                    "%(entry)s for the request itself)"
                ),
                {"entry": brought},
            ),
            f"the petition brought the review request of entry {brought}; a correction "
            f"keeps {name} as it was",
        )


def request_for(case: Case, pack: Pack, event: Event) -> list[tuple[str, dict[str, Any]]]:
    """The review request a new filing brings (see the module's docstring), or none."""
    p = event.payload or {}
    if event.corrects_seq is not None or p.get("kind") != REVIEW:
        return []
    requested = pack.event_types.get(REQUESTED)
    if requested is None or not _allowed(pack, REQUESTED, case):
        return []
    w = whose(case, p)
    if not w.accused_side:
        return []
    held = w.among(held_at(case, event.occurred_at))
    person = w.person
    if person is None:
        if len(held) != 1:
            return []
        person = next(iter(held))
    if held.get(person) != Held.PRETRIAL:
        return []
    payload: dict[str, Any] = {"person": person}
    if "petition" in requested.fields:
        payload["petition"] = event.seq
    return [(REQUESTED, payload)]


def subject_of(petition: Petition) -> str | None:
    """Whose detention ``petition`` concerns: as its filing says (``Petition.concerns``),
    else the person of the review request it brought (its latest version); None when
    neither says. One or two queries."""
    if petition.concerns_id is not None:
        found = Participation.objects.filter(pk=petition.concerns_id).values_list("uid", flat=True)
        return found.first()
    if petition.review_request_seq is None:
        return None
    rows = (
        Event.objects.filter(case_id=petition.case_id, type=REQUESTED)
        .order_by("seq")
        .values_list("seq", "corrects_seq", "payload")
    )
    latest, _ = as_last_corrected(rows)
    payload = latest.get(petition.review_request_seq)
    return str((payload or {}).get("person") or "") or None


def concerned(case: Case, payload: dict[str, Any]) -> str | None:
    """Whose detention a filing concerns as it says itself (no custody query): for the
    projection's ``Petition.concerns``; a request it brings names the rest."""
    if payload.get("kind") not in ABOUT_DETENTION:
        return None
    return whose(case, payload).person


# ---------------------------------------------------------------------------- deciding


def check_decision(
    case: Case,
    pack: Pack,
    payload: dict[str, Any],
    occurred_at: dt.datetime,
    petition: Petition,
    corrects_seq: int | None,
) -> None:
    """Refuse a decision whose answer about the detention cannot be recorded."""
    if corrects_seq is not None:
        _check_decision_kept(case, payload, corrects_seq)
        return
    effect = payload.get("detention")
    if effect is None:
        return
    if petition.kind not in ABOUT_DETENTION:
        raise _refuse(
            EFFECT,
            Words(
                gettext_noop(
                    "only the decision on a review of the detention or a habeas corpus says "
                    "what it does to the detention: leave this empty"
                ),
                {},
            ),
            "only a decision on a detention_review or habeas_corpus petition says what it "
            "does to the detention",
        )
    if effect not in BRINGS:
        return
    person = payload.get("person")
    if not isinstance(person, str) or not person:
        raise _refuse(
            PERSON,
            Words(gettext_noop("say whose detention the decision is about"), {}),
            "name the accused whose detention the decision reviews, lifts or replaces",
        )
    uid = subject_of(petition)
    if uid is not None and uid != person:
        raise _refuse(
            PERSON,
            Words(
                gettext_noop("this petition is about the detention of %(person)s"),
                {"person": uid},
            ),
            f"the petition is about the detention of {uid!r}",
        )
    if held_at(case, occurred_at).get(person) != Held.PRETRIAL:
        raise _refuse(
            PERSON,
            Words(
                gettext_noop(
                    "%(person)s is not held in pretrial detention on %(when)s: there is no "
                    "detention for this decision to review, lift or replace"
                ),
                {"person": person, "when": occurred_at},
            ),
            f"participant {person!r} is not in pretrial detention at "
            f"{occurred_at.isoformat()}: there is no detention to review, lift or replace",
        )
    custody_type = BRINGS[effect][0]
    if not _allowed(pack, custody_type, case):
        raise _refuse(
            EFFECT,
            Words(
                gettext_noop("%(what)s cannot be recorded in the case's stage now"),
                {"what": dict(pack.event_types[custody_type].label or {"en": custody_type})},
            ),
            f"{custody_type} cannot be recorded in the case's stage ({case.stage})",
        )
    measures = payload.get("measures")
    if effect == Detention.REPLACED and not (isinstance(measures, str) and measures.strip()):
        raise _refuse(
            MEASURES,
            Words(gettext_noop("say which measures replace the detention"), {}),
            "name the measures that replace the detention",
        )


def _check_in_hearing_said(pack: Pack, payload: dict[str, Any]) -> None:
    """Refuse a decision that maintains the detention and would bring a review entry
    whose ``hearing`` is required without saying whether it was taken in a hearing."""
    asked = hearing_asked(pack)
    if asked is None or not asked.required or isinstance(payload.get("in_hearing"), bool):
        return
    law = cite_law(asked.law, "en") if asked.law is not None else REVIEWED
    raise _refuse(
        IN_HEARING,
        Words(
            gettext_noop(
                "say whether the detention was reviewed in a hearing (yes or no): only a "
                "review held in a hearing meets the review %(law)s asks for"
            ),
            {"law": law},
        ),
        f"is required: say whether the detention was reviewed in a hearing (true or "
        f"false); only a review held in a hearing meets the review {law} asks for",
    )


def hearing_asked(pack: Pack) -> FieldSpec | None:
    """The review entry's ``hearing`` field, where the pack gives it one (cl): a
    decision that maintains the detention then says whether it was taken in a hearing."""
    review = pack.event_types.get(REVIEWED)
    spec = review.fields.get(HEARING) if review is not None else None
    return spec if spec is not None and spec.type == "bool" else None


def _check_decision_kept(case: Case, payload: dict[str, Any], corrects_seq: int) -> None:
    name = _changed(case, payload, corrects_seq, KEPT_BY_DECISION)
    if name is not None:
        raise _refuse(
            f"payload.{name}",
            Words(
                gettext_noop(
                    "a correction of the decision keeps what it did to the detention: "
                    "correct the custody entry recorded with it, or record a new one"
                ),
                {},
            ),
            f"a correction of the decision keeps {name} as it was; correct the custody "
            "entry recorded with it, or record a new one",
        )


def answer_for(event: Event, pack: Pack) -> list[tuple[str, dict[str, Any]]]:
    """The custody entry a new decision brings (see the module's docstring), or none.

    Only here, where the review entry is brought, is ``in_hearing`` required (where the
    review's ``hearing`` is): an import carries its own review line and brings nothing
    (``follow_ups`` off), so its decision loads without it. Raised inside the decision's
    transaction, so nothing is written."""
    p = event.payload or {}
    effect = p.get("detention")
    if event.corrects_seq is not None or effect not in BRINGS:
        return []  # a correction brings nothing, so it is not asked (an imported one lacks it)
    if effect == Detention.MAINTAINED:
        _check_in_hearing_said(pack, p)
    custody_type, fixed = BRINGS[effect]
    payload: dict[str, Any] = {"person": p["person"], **fixed}
    if effect == Detention.REPLACED:
        payload["measures"] = p["measures"]
    said = p.get("in_hearing")
    if (
        effect == Detention.MAINTAINED
        and hearing_asked(pack) is not None
        and isinstance(said, bool)
    ):
        payload[HEARING] = said
    return [(custody_type, payload)]
