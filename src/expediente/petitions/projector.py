"""The petitions projection: one ``Petition`` row per ``petition.filed``, closed by the
``petition.decided`` that names it.

Registered with ``docket.projection`` (``PetitionsConfig.ready``), so it runs inside
``event_record``'s transaction and inside ``rebuild``. ``check`` refuses, before the
append, a decision for a petition that does not exist in the case or is already decided
(naming ``payload.petition``), and a filing whose text has fewer than ``TEXT_MIN``
characters once trimmed (naming ``payload.text``): every way in (the portal, /my/, the
clerk's form, the API, the importer) meets the same rule; and, from a form a browser sent
(the portal, /my/, the clerk's form, unless the clerk confirmed it), a filing that
repeats a petition still awaiting an answer (``repeats.py``: same petitioner, kind and
text; a 409 naming the earlier one). A correction of a filing
updates its row (the receipt stays: it names the original entry); a correction of a
decision may move the decision to another petition.

A petition about a detention reaches the detention clock (``detention.py``): ``check``
refuses a filing that names whose detention wrongly (``payload.concerns``) and a
decision whose answer about the detention cannot be recorded (``payload.detention``,
``payload.person``, ``payload.measures``); ``then`` brings, in the same transaction,
the review request a review petition of the accused's side makes (cr's
``custody.review_requested``, CPP art. 253) and the custody entry a decision that
maintains, lifts or replaces the detention records. The row keeps whose detention the
filing names (``concerns``), the request it brought (``review_request_seq``, from the
request's ``petition``) and what the decision did (``detention``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import Any

from django.utils.translation import gettext_noop

from expediente.docket.errors import InvalidInput, Words
from expediente.docket.models import Case, Event, Participation
from expediente.docket.selectors import correction_root
from expediente.petitions import detention, repeats
from expediente.petitions.models import Petition
from expediente.petitions.receipts import fingerprint, receipt_number
from expediente.rules.loader import load_pack
from expediente.rules.schema import Pack

FILED = "petition.filed"
DECIDED = "petition.decided"
REQUESTED = detention.REQUESTED  # a review request, which may name the petition that brought it
FIELD = "payload.petition"
TEXT_FIELD = "payload.text"
# The fewest characters (after trimming spaces) a petition's text may have: the form asks
# for a few sentences, and "x" or "ayuda" tells the court nothing it can act on. Product
# policy, not law: no pack in this repository gives a number.
TEXT_MIN = 10
SNAPSHOT_FIELDS = (
    "court__code",
    "filed_at",
    "receipt",
    "fingerprint",
    "kind",
    "petitioner__uid",
    "filed_via",
    "status",
    "decided_seq",
    "decided_at",
    "outcome",
    "concerns__uid",
    "review_request_seq",
    "detention",
)


def _refuse(message: str, words: Words) -> InvalidInput:
    return InvalidInput(
        f"{FIELD}: {message}",
        errors=[{"field": FIELD, "message": message}],
        words={FIELD: words},
    )


class PetitionProjector:
    name = "petitions"
    columns = {"petition": SNAPSHOT_FIELDS}  # of ``snapshot``'s rows (docket/projection.py)
    handles = frozenset({FILED, DECIDED, REQUESTED})
    brings = frozenset({FILED, DECIDED})  # see ``then``

    def check(
        self,
        case: Case,
        type_name: str,
        payload: dict[str, Any],
        occurred_at: dt.datetime,
        corrects_seq: int | None = None,
    ) -> None:
        if type_name == FILED:
            _check_text(payload)
            pack = load_pack(case.court.rule_pack)
            detention.check_filing(case, pack, payload, occurred_at, corrects_seq)
            repeats.check_filing(case, payload, corrects_seq)
            return
        if type_name == REQUESTED:
            _check_request(case, payload)
            return
        if type_name != DECIDED:
            return
        number = payload.get("petition")
        if not isinstance(number, int) or isinstance(number, bool):
            return  # the payload schema names the field
        petition = Petition.objects.filter(case_id=case.pk, filed_seq=number).first()
        if petition is None:
            raise _refuse(
                f"there is no petition with entry number {number} in this case",
                Words(
                    gettext_noop("there is no petition with entry number %(number)s in this case"),
                    {"number": number},
                ),
            )
        if petition.status == Petition.Status.DECIDED:
            root = correction_root(case, corrects_seq) if corrects_seq is not None else None
            if root is None or root != petition.decided_seq:
                raise _refuse(
                    f"petition {number} was already decided (entry {petition.decided_seq}); "
                    "to change that decision, correct its entry",
                    Words(
                        gettext_noop(
                            "this petition was already decided (entry %(entry)s); to change "
                            "that decision, correct its entry"
                        ),
                        {"entry": petition.decided_seq},
                    ),
                )
        # Forms give minutes: a decision in the minute of the filing is not before it.
        if occurred_at < petition.filed_at.replace(second=0, microsecond=0):
            raise InvalidInput.of(
                "occurred_at",
                Words(
                    gettext_noop(
                        "a decision cannot come before the petition it answers (filed %(filed)s)"
                    ),
                    {"filed": petition.filed_at},
                ),
                "occurred_at: a decision cannot come before the petition it answers",
            )
        pack = load_pack(case.court.rule_pack)
        detention.check_decision(case, pack, payload, occurred_at, petition, corrects_seq)

    def apply(self, case: Case, event: Event, pack: Pack) -> None:
        if event.type == FILED:
            _filed(case, event)
        elif event.type == DECIDED:
            _decided(case, event)
        elif event.type == REQUESTED:
            _requested(case, event)

    def then(self, case: Case, event: Event, pack: Pack) -> list[tuple[str, dict[str, Any]]]:
        """A review petition of the accused's side brings the review request that
        restarts the count of the court's review (cr: CPP art. 253); a decision that
        maintains, lifts or replaces the detention brings the custody entry saying so
        (``detention.py``)."""
        if event.type == FILED:
            return detention.request_for(case, pack, event)
        if event.type == DECIDED:
            return detention.answer_for(event, pack)
        return []

    def reset(self) -> None:
        Petition.objects.all().delete()

    def snapshot(self) -> dict[Hashable, tuple[Any, ...]]:
        rows = Petition.objects.values_list("case__nuid", "filed_seq", *SNAPSHOT_FIELDS)
        return {("petition", nuid, seq): tuple(rest) for nuid, seq, *rest in rows.iterator()}


def _check_text(payload: dict[str, Any]) -> None:
    """Refuse a petition whose text, trimmed, is shorter than ``TEXT_MIN`` characters
    (a missing or oversized text is the payload schema's to name)."""
    text = payload.get("text")
    if not isinstance(text, str) or not text.strip():
        return
    count = len(text.strip())
    if count < TEXT_MIN:
        raise InvalidInput.of(
            TEXT_FIELD,
            Words(
                gettext_noop(
                    "write at least %(least)s characters saying what you ask the court "
                    "for (you wrote %(count)s)"
                ),
                {"least": TEXT_MIN, "count": count},
            ),
        )


def _check_request(case: Case, payload: dict[str, Any]) -> None:
    """A review request that names the petition it came from names a review petition of
    this case (the pack's ``petition`` field of ``custody.review_requested``)."""
    number = payload.get("petition")
    if not isinstance(number, int) or isinstance(number, bool):
        return
    kind = (
        Petition.objects.filter(case_id=case.pk, filed_seq=number)
        .values_list("kind", flat=True)
        .first()
    )
    if kind == detention.REVIEW:
        return
    raise _refuse(
        f"there is no petition for a review of the detention with entry number {number} "
        "in this case",
        Words(
            gettext_noop(
                "there is no petition for a review of the detention with entry number "
                "%(number)s in this case"
            ),
            {"number": number},
        ),
    )


def _filed(case: Case, event: Event) -> None:
    p = event.payload
    petitioner = Participation.objects.get(case=case, uid=p["petitioner"])
    concerned = detention.concerned(case, p)
    values = {
        "kind": p["kind"],
        "petitioner": petitioner,
        "filed_via": p["filed_via"],
        "concerns": Participation.objects.get(case=case, uid=concerned) if concerned else None,
    }
    if event.corrects_seq is not None:
        root = correction_root(case, event.corrects_seq)
        Petition.objects.filter(case=case, filed_seq=root).update(
            filed_at=event.occurred_at, **values
        )
        return
    Petition.objects.create(
        case=case,
        court_id=case.court_id,
        filed_seq=event.seq,
        filed_at=event.occurred_at,
        receipt=receipt_number(
            court_code=case.court.code,
            case_number=case.number,
            seq=event.seq,
            filed_at=event.occurred_at,
            tz=case.court.timezone,
        ),
        fingerprint=fingerprint(event.hash),
        **values,
    )


def _decided(case: Case, event: Event) -> None:
    p = event.payload
    origin = (
        correction_root(case, event.corrects_seq) if event.corrects_seq is not None else event.seq
    )
    if event.corrects_seq is not None:  # the corrected decision may name another petition
        Petition.objects.filter(case=case, decided_seq=origin).update(
            status=Petition.Status.OPEN,
            decided_seq=None,
            decided_at=None,
            outcome="",
            detention="",
        )
    Petition.objects.filter(case=case, filed_seq=p["petition"]).update(
        status=Petition.Status.DECIDED,
        decided_seq=origin,
        decided_at=event.occurred_at,
        outcome=p["outcome"],
        detention=p.get("detention") or "",
    )


def _requested(case: Case, event: Event) -> None:
    """The review request brought by (or naming) a petition: the petition keeps its
    entry number; a correction may name another petition, or none."""
    origin = (
        correction_root(case, event.corrects_seq) if event.corrects_seq is not None else event.seq
    )
    if event.corrects_seq is not None:
        Petition.objects.filter(case=case, review_request_seq=origin).update(
            review_request_seq=None
        )
    number = (event.payload or {}).get("petition")
    if isinstance(number, int) and not isinstance(number, bool):
        Petition.objects.filter(case=case, filed_seq=number).update(review_request_seq=origin)
