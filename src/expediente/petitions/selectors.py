"""Reading petitions: a case's open ones (for the judge's decision form), a
participant's own (for the portal), one by its receipt, the courts' open ones (for the
judge's "Due and overdue"), and each one's answer deadline."""

from __future__ import annotations

from django.db.models import Case as Case_
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value, When

from expediente.access.models import ParticipantCode
from expediente.custody.models import Deadline
from expediente.docket.models import Case, Court, Event
from expediente.petitions.models import Kind, Petition

FILED = "petition.filed"


def petition_list_open(*, case: Case) -> QuerySet[Petition]:
    return Petition.objects.filter(case=case, status=Petition.Status.OPEN).order_by("filed_seq")


def petition_list_of(*, case: Case, participant: str) -> QuerySet[Petition]:
    """The petitions a participant filed (or a clerk filed for them), newest first."""
    return (
        Petition.objects.filter(case=case, petitioner__uid=participant)
        .select_related("petitioner", "court")
        .order_by("-filed_seq")
    )


def petition_get(*, case: Case, seq: int, participant: str | None = None) -> Petition | None:
    """The petition filed as entry ``seq``; with ``participant``, only if it is theirs."""
    rows = Petition.objects.filter(case=case, filed_seq=seq).select_related("court", "case")
    if participant is not None:
        rows = rows.filter(petitioner__uid=participant)
    return rows.first()


def petition_by_receipt(number: str) -> Petition | None:
    """The petition whose receipt has this number, as typed or in capitals as printed."""
    number = number.strip()[:120]
    if not number or "\x00" in number:
        return None
    return (
        Petition.objects.filter(receipt__in={number, number.upper()})
        .select_related("case__court", "court")
        .first()
    )


def petition_text_for_sender(
    petition: Petition, *, received_from: str, session_code: int | None = None
) -> str:
    """What the petition says, for its receipt, only to whoever sent it: the filing
    must have been handed in by ``received_from`` (``""``: the petitioner's own portal
    session, through no one else). Anyone else (the petitioner's family reading a
    lawyer's or a clerk's filing, a lawyer reading the client's own) gets ``""``: the
    text is a protected field of the entry. ``session_code``: the code of the portal
    session asking; a petition filed before that code was issued was sent by the holder
    of an earlier one (the court may have given the new code to someone else), so it
    gets ``""``."""
    found = (
        Event.objects.filter(case_id=petition.case_id, seq=petition.filed_seq)
        .values_list("payload", "recorded_at")
        .first()
    )
    if found is None:
        return ""
    payload, recorded_at = found[0] or {}, found[1]
    if session_code is not None:
        issued = (
            ParticipantCode.objects.filter(pk=session_code)
            .values_list("issued_at", flat=True)
            .first()
        )
        if issued is None or recorded_at < issued:
            return ""
    if payload.get("filed_via") != "portal":
        return ""
    if str(payload.get("received_from") or "") != received_from:
        return ""
    return str(payload.get("text") or "")


def petition_reasons_text(petition: Petition) -> str:
    """The court's reasons on a decided petition, as its decision stands: the decision's
    entry, or its latest correction that still answers this petition (``""`` while it is
    open). Who may read them is ``CaseView.petition_reasons``'s to say."""
    if petition.decided_seq is None:
        return ""
    rows = list(
        Event.objects.filter(case_id=petition.case_id, type="petition.decided")
        .order_by("seq")
        .values_list("seq", "corrects_seq", "payload")
    )
    parent = {seq: corrects for seq, corrects, _p in rows}

    def root(seq: int) -> int:
        while parent.get(seq) is not None:
            seq = parent[seq]  # type: ignore[assignment]
        return seq

    latest = ""
    for seq, _corrects, payload in rows:
        payload = payload or {}
        if root(seq) == petition.decided_seq and payload.get("petition") == petition.filed_seq:
            latest = str(payload.get("reasons") or "")
    return latest


# ------------------------------------------------------------------ awaiting the court

# Asked first: a person at risk asks for protection, a detained person challenges the
# detention (ICCPR art. 9(4), ACHR art. 7(6): "without delay") or complains of
# ill-treatment (CAT art. 13: "promptly and impartially examined"). The rest follow.
FIRST_KINDS = (Kind.PROTECTIVE_MEASURE, Kind.HABEAS_CORPUS, Kind.ILL_TREATMENT)


def petitions_awaiting_answer(
    *, courts: list[Court], visible: Q, limit: int | None = None, first: bool | None = None
) -> list[Petition]:
    """Open petitions of ``courts`` in cases matching ``visible`` (a filter on Case: those
    the reader may see), protection and habeas corpus first, then the answer due soonest,
    then the oldest filing; at most ``limit``; with ``first``, only those of
    ``FIRST_KINDS`` (True) or only the others (False). Each comes with its case, court and
    petitioner (with the person) loaded, and, as ``answer_due_at`` and ``answer_rule``,
    the soonest open deadline its filing started (the pack's answer deadline; None when
    the pack sets none). One query, on the index (court, status)."""
    answer = Deadline.objects.filter(
        case_id=OuterRef("case_id"),
        start_seq=OuterRef("filed_seq"),
        start_type=FILED,
        open=True,
    ).order_by("due_at", "id")
    rows = (
        _of_kinds(_awaiting(courts, visible), first)
        .annotate(
            first=Case_(When(kind__in=FIRST_KINDS, then=Value(0)), default=Value(1)),
            answer_due_at=Subquery(answer.values("due_at")[:1]),
            answer_rule=Subquery(answer.values("rule_id")[:1]),
        )
        .select_related("case", "court", "petitioner__person")
        .order_by("first", F("answer_due_at").asc(nulls_last=True), "filed_at", "pk")
    )
    return list(rows if limit is None else rows[:limit])


def petitions_awaiting_answer_count(
    *, courts: list[Court], visible: Q, first: bool | None = None
) -> int:
    """How many petitions ``petitions_awaiting_answer`` would list without a limit; with
    ``first``, only those of ``FIRST_KINDS`` (True) or only the others (False)."""
    return _of_kinds(_awaiting(courts, visible), first).count()


def _of_kinds(rows: QuerySet[Petition], first: bool | None) -> QuerySet[Petition]:
    """Only those of ``FIRST_KINDS`` (``first`` True), only the others (False), or all."""
    if first is None:
        return rows
    return rows.filter(kind__in=FIRST_KINDS) if first else rows.exclude(kind__in=FIRST_KINDS)


def _awaiting(courts: list[Court], visible: Q) -> QuerySet[Petition]:
    return Petition.objects.filter(court__in=courts, status=Petition.Status.OPEN).filter(
        case__in=Case.objects.filter(visible).values("pk")
    )


def answer_deadlines(*, case: Case, seqs: list[int]) -> dict[int, Deadline]:
    """The open answer deadline of each petition filed as one of the entries ``seqs``
    of ``case`` (the soonest, when a pack sets more than one), by filing entry. One
    query."""
    found: dict[int, Deadline] = {}
    rows = Deadline.objects.filter(
        case=case, start_type=FILED, start_seq__in=seqs, open=True
    ).order_by("-due_at", "-id")
    for d in rows:
        found[d.start_seq] = d  # the soonest is written last
    return found
