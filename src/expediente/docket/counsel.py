"""Which accused a defence lawyer acts for.

The rule pack's event type ``participant.acts_for`` (intl, inherited by every pack)
records it: ``counsel`` (a participant of role ``defence`` or ``public_defender``),
``accused`` (a participant of role ``accused``), both checked by the pack's field specs
like any other reference, and ``ended`` (the lawyer no longer acts for that accused:
withdrawal, dismissal, replacement). One entry per lawyer and accused: a lawyer for
three co-accused is three entries, an accused with two lawyers two, a replacement the
old lawyer's ``ended`` entry and the new lawyer's. For each lawyer and accused the
latest entry, each as last corrected, says whether she acts for them now (entries are
taken in the order they were recorded, a correction in its entry's place, as for a
guardian's ``participant.stands_for``: ``docket/standing.py``).

The docket keeps the result on the lawyer's participation (``Participation.acts_for``:
the accused she acts for now, sorted; ``None`` while no entry names her, ``[]`` once
she acts for nobody), folded in the same transaction and rebuilt from the events alone.

A lawyer with no entry keeps what every defence lawyer had before the record existed
(``clients`` is ``None``): she reads every accused's consular entries
(``custody/consular.py``). Once an entry names her, she reads only those of the accused
she acts for.

Per accused, ``counsel_of`` gives the lawyers acting for them now and
``representation`` whether that is private counsel, a public defender, both, or nobody
recorded: the base of UN-CTS "persons brought before the criminal courts, by legal
representation" (``shared/reference/indicators.md``). The representation at another
moment is ``acting`` over the entries recorded up to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from expediente.docket.corrections import as_last_corrected
from expediente.docket.models import Case, Event, Participation

ACTS_FOR = "participant.acts_for"
ACCUSED = "accused"
PRIVATE = "defence"
PUBLIC = "public_defender"
# the roles that act for an accused: private counsel and the public defender
COUNSEL_ROLES: frozenset[str] = frozenset({PRIVATE, PUBLIC})

Representation = Literal["private_counsel", "public_defender", "both", "none_recorded"]


def acting(rows: Iterable[tuple[int, Mapping[str, Any] | None, int | None]]) -> dict[str, set[str]]:
    """Per lawyer named by an entry, the accused she acts for after ``rows`` (seq,
    payload, corrects_seq of the case's ``participant.acts_for`` entries, in recording
    order): for each lawyer and accused the latest entry, each as last corrected. A
    lawyer every entry of whom is ended acts for nobody (an empty set); a lawyer no
    entry names is absent."""
    latest, _ = as_last_corrected((seq, corrects, payload or {}) for seq, payload, corrects in rows)
    clients: dict[str, set[str]] = {}
    for origin in sorted(latest):  # the latest entry for a lawyer and an accused wins
        payload = latest[origin]
        mine = clients.setdefault(str(payload["counsel"]), set())
        accused = str(payload["accused"])
        if payload.get("ended"):
            mine.discard(accused)
        else:
            mine.add(accused)
    return clients


def apply(case: Case, event: Event) -> None:
    """Set ``acts_for`` on the case's lawyers from every ``participant.acts_for`` entry up
    to ``event``, each as last corrected (one query; the entries are few)."""
    rows = (
        Event.objects.filter(case_id=case.pk, seq__lt=event.seq, type=ACTS_FOR)
        .order_by("seq")
        .values_list("seq", "payload", "corrects_seq")
    )
    clients = acting([*rows, (event.seq, event.payload, event.corrects_seq)])
    for participation in Participation.objects.filter(case_id=case.pk, role__in=COUNSEL_ROLES):
        mine = clients.get(participation.uid)
        value = sorted(mine) if mine is not None else None
        if participation.acts_for != value:
            participation.acts_for = value
            participation.save(update_fields=["acts_for"])


def clients_of(participation: Any) -> frozenset[str] | None:
    """The accused a lawyer acts for now, or None when nothing is recorded for her (or
    she is not a lawyer of the defence)."""
    if participation.role not in COUNSEL_ROLES or participation.acts_for is None:
        return None
    return frozenset(str(uid) for uid in participation.acts_for)


def counsel_of(participations: Iterable[Any]) -> dict[str, list[Any]]:
    """For each accused among ``participations`` (rows with ``uid``, ``role`` and
    ``acts_for``: the case's), the lawyers acting for them now, in the given order; an
    accused nobody is recorded as acting for maps to an empty list."""
    rows = list(participations)
    out: dict[str, list[Any]] = {p.uid: [] for p in rows if p.role == ACCUSED}
    for p in rows:
        for accused in sorted(clients_of(p) or ()):
            if accused in out:
                out[accused].append(p)
    return out


def representation(counsel: Iterable[Any]) -> Representation:
    """How an accused is represented now, from the lawyers ``counsel_of`` gives them:
    by private counsel, by a public defender, by both, or by nobody the record names
    (which is not "by nobody": a lawyer may act for them with nothing recorded)."""
    return represented_by({p.role for p in counsel})


def represented_by(roles: Iterable[str]) -> Representation:
    """The category of the lawyers' ``roles`` acting for an accused: a role that is
    neither (a participation restated to another role) is no lawyer of the defence."""
    found = set(roles)
    if PRIVATE in found and PUBLIC in found:
        return "both"
    if PRIVATE in found:
        return "private_counsel"
    if PUBLIC in found:
        return "public_defender"
    return "none_recorded"
