"""What can be recorded in a case, in groups with headings (the case page): custody,
hearings, measures, petitions and decisions, parties and charges, closing and sealing.

An event type's group is the pack's ``group`` where it gives one, else the one its name's
prefix gives (``custody.arrested`` is custody; ``case.sealed`` is closing). A type of a
prefix we do not know (a national pack's own) is listed under "Other entries", so every
type the stage allows stays reachable. The groups come in the order of ``GROUPS``: the
entries a clerk records most often first, the ones that end or hide a case last."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from expediente.rules.schema import Pack

# (group id, heading), in the order the page shows them
GROUPS: tuple[tuple[str, Any], ...] = (
    ("custody", _("Custody and detention")),
    ("hearings", _("Hearings")),
    ("measures", _("Precautionary measures and alternatives")),
    ("decisions", _("Petitions and decisions")),
    ("parties", _("Parties, charges and notes")),
    ("other", _("Other entries")),
    ("closing", _("Closing, sealing and expunction")),
)
# an event type's name prefix -> its group, when the pack gives none
BY_PREFIX: dict[str, str] = {
    "custody": "custody",
    "consular": "custody",  # consular notification of a foreign national held
    "hearing": "hearings",
    "measure": "measures",
    "petition": "decisions",
    "indictment": "decisions",
    "trial": "decisions",
    "verdict": "decisions",
    "judgment": "decisions",
    "appeal": "decisions",
    "retrial": "decisions",
    "participant": "parties",
    "charge": "parties",
    "note": "parties",
    "case": "closing",
}


@dataclass
class Link:
    label: str
    url: str


@dataclass
class Group:
    id: str
    heading: str
    links: list[Link] = field(default_factory=list)


def group_of(pack: Pack, type_name: str) -> str:
    """The group an event type is listed in (see the module's docstring)."""
    event_type = pack.event_types.get(type_name)
    if event_type is not None and event_type.group:
        return event_type.group
    return BY_PREFIX.get(type_name.split(".", 1)[0], "other")


def grouped(pack: Pack, links: list[tuple[str, Link]]) -> list[Group]:
    """``links`` (event type, link), in the order given, under their groups' headings;
    groups without a link are left out."""
    groups = {gid: Group(gid, str(heading)) for gid, heading in GROUPS}
    for type_name, link in links:
        groups[group_of(pack, type_name)].links.append(link)
    return [g for g in groups.values() if g.links]
