"""Consular notification of a foreign national held (the pack's ``consular_notification``,
intl: Vienna Convention on Consular Relations art. 36(1)(b)).

A duty without a fixed term: the treaty says "without delay" and no national rule in the
shipped packs sets a number of hours, so it is no deadline (a deadline row needs a due
moment) and is not on the due list. The case page shows it while the person is held,
open until the entries record that the person was told of the right (and whether they
asked for their consular post to be informed) and, if they asked, that the post was
informed.

It is read, not projected: whether a person is foreign depends on their nationality,
which a correction in another case may change, and on the entries of this case. Two
queries (the held people's nationalities, the two entry types as last corrected), on
the custody clock the page has already read. Nothing here is stored, so ``rebuild``
has nothing of it to redo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from expediente.docket.counsel import COUNSEL_ROLES
from expediente.docket.countries import STATELESS
from expediente.docket.models import Case, Participation
from expediente.docket.selectors import latest_versions
from expediente.docket.standing import GUARDIAN
from expediente.rules.schema import ConsularNotification, Pack

Status = Literal[
    "inform_person",  # open: nobody has recorded that the person was told of the right
    "inform_post",  # open: the person asked, the post is not recorded as informed
    "declined",  # discharged: told, and did not ask for the post to be informed
    "post_informed",  # discharged: told, asked, and the post was informed
    "nationality_not_recorded",  # no duty known: check whether it applies
    "country_not_set",  # the pack names no country: check whether it applies
]
OPEN: frozenset[str] = frozenset({"inform_person", "inform_post"})
# the person's own counsel: the defence lawyers, private and public
COUNSEL: frozenset[str] = COUNSEL_ROLES
ENTRY_PREFIX = "consular."


def is_consular_entry(event_type: str) -> bool:
    """Is this entry one of the consular notification's, which few may read?"""
    return event_type.startswith(ENTRY_PREFIX)


def may_read_entry(
    event_type: str,
    payload: dict[str, Any] | None,
    *,
    participant: str,
    role: str,
    stands_for: str = "",
    acts_for: Collection[str] | None = None,
) -> bool:
    """May this participant (uid, role in the case) read the entry outside the court, on
    their portal page or in a message about it? Every entry but a consular one
    (``consular.rights_informed``, ``consular.post_notified``): that one says the person
    is a foreign national, which nobody else in the case is told (the portal shows no
    one another person's nationality), so only those ``speaks_for`` allows read it.
    ``stands_for``: whom the docket records a guardian stands for; ``acts_for``: the
    accused it records a defence lawyer acts for, None when nothing is recorded."""
    if not is_consular_entry(event_type):
        return True
    person = str((payload or {}).get("person") or "")
    return speaks_for(
        person, participant=participant, role=role, stands_for=stands_for, acts_for=acts_for
    )


def speaks_for(
    person: str,
    *,
    participant: str,
    role: str,
    stands_for: str = "",
    acts_for: Collection[str] | None = None,
) -> bool:
    """Does this participant read what concerns ``person``'s consular notification (the
    entries, the right on the detention clock)? The person themself; the guardian the
    docket records as standing for them (``docket/standing.py``); and the defence acting
    for them (``docket/counsel.py``). A lawyer of the defence for whom nothing is
    recorded (``acts_for`` None) reads every accused's, as every lawyer of the defence
    did before the record existed; once an entry names her, only her clients'."""
    if not person:
        return False
    if participant == person:
        return True
    if role == GUARDIAN:
        return stands_for == person
    if role in COUNSEL:
        return acts_for is None or person in acts_for
    return False


@dataclass(frozen=True)
class Informed:
    at: dt.datetime
    requested: bool


@dataclass(frozen=True)
class PostNotified:
    at: dt.datetime
    consular_post: str
    means: str


@dataclass(frozen=True)
class ConsularDuty:
    participant: str
    nationality: str  # as recorded: a country code or "" (a stateless person has none)
    status: Status
    informed: Informed | None = None
    notified: PostNotified | None = None

    @property
    def open(self) -> bool:
        return self.status in OPEN


def duty_status(
    *,
    nationality: str,
    country: str,
    informed: Informed | None,
    notified: PostNotified | None,
) -> Status | None:
    """The duty owed to one person held, or None where none is: a national of the
    court's country (a dual national is recorded so), or a stateless person (no State's
    consular post to inform)."""
    if nationality == STATELESS:
        return None
    if not nationality:
        return "nationality_not_recorded"
    if not country:
        return "country_not_set"
    if nationality.upper() == country.upper():
        return None
    if informed is None:
        return "inform_person"
    if informed.requested:
        return "post_informed" if notified is not None else "inform_post"
    return "post_informed" if notified is not None else "declined"


def consular_duties(*, case: Case, pack: Pack, held: Iterable[str]) -> list[ConsularDuty]:
    """The duty owed to each participant ``held`` now (participant ids, in the order
    given), where one is or may be owed; [] when the pack has no such rule or nobody is
    held."""
    rule = pack.consular_notification
    held = list(dict.fromkeys(held))
    if rule is None or not held:
        return []
    nationalities = dict(
        Participation.objects.filter(case=case, uid__in=held).values_list(
            "uid", "person__nationality"
        )
    )
    informed, notified = _entries(case, rule)
    out = []
    for uid in held:
        nationality = nationalities.get(uid, "")
        status = duty_status(
            nationality=nationality,
            country=pack.country,
            informed=informed.get(uid),
            notified=notified.get(uid),
        )
        if status is not None:
            out.append(ConsularDuty(uid, nationality, status, informed.get(uid), notified.get(uid)))
    return out


def _entries(
    case: Case, rule: ConsularNotification
) -> tuple[dict[str, Informed], dict[str, PostNotified]]:
    """Per person, the latest (by its moment) entry of each kind, as last corrected."""
    entries, _origin = latest_versions(case, [rule.informed_by, rule.notified_by])
    informed: dict[str, Informed] = {}
    notified: dict[str, PostNotified] = {}
    for e in sorted(entries.values(), key=lambda e: (e.at, e.seq)):
        person = _text(e.payload, "person")
        if not person:
            continue
        if e.type == rule.informed_by:
            informed[person] = Informed(e.at, e.payload.get("requested") is True)
        elif e.type == rule.notified_by:
            notified[person] = PostNotified(
                e.at, _text(e.payload, "consular_post"), _text(e.payload, "means")
            )
    return informed, notified


def _text(payload: dict[str, Any], name: str) -> str:
    value = payload.get(name)
    return value if isinstance(value, str) else ""
