"""What one participant may see of another: the single place the portal decides it.

The privacy issue will generalise this (and move it next to ``access/policy.py``); keep
every such decision of the portal here, not in views or templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

# Roles that act for the accused (a juvenile's guardian too): they see the detention
# clock of every accused person.
DEFENCE_SIDE = frozenset({"defence", "public_defender", "guardian"})
# Roles of the court and prosecution: they see everything the portal shows.
OFFICIAL = frozenset({"prosecutor", "judge"})


@dataclass(frozen=True)
class Viewer:
    """Who is looking: the participation they follow the case through."""

    participant: str
    role: str


@dataclass(frozen=True)
class Subject:
    """Someone in the case, as the docket records them."""

    participant: str
    role: str
    name: str
    pseudonym: str
    protected: bool


@dataclass(frozen=True)
class Seen:
    name: str  # how the viewer sees this person named
    custody: bool  # may the viewer see this person's detention clock


def seen_by(viewer: Viewer, subject: Subject, role_label: str) -> Seen:
    """How ``viewer`` sees ``subject``.

    - Everyone sees their own real name.
    - A protected or pseudonymised person is shown to everyone else by pseudonym (or as
      "a protected person" when there is none); their real name never leaves the court.
    - Nobody sees another person's identity document, date of birth or address: the
      portal never reads them.
    - The detention clock of an accused is shown to that accused (and so to the family
      holding the accused's code), to the defence and to the officials; not to victims or
      witnesses, who see custody events on the timeline.
    """
    own = subject.participant == viewer.participant
    if own:
        name = subject.name
    elif subject.protected or subject.pseudonym:
        name = subject.pseudonym or _("a protected person")
    else:
        name = subject.name
    custody = subject.role == "accused" and (
        own or viewer.role in DEFENCE_SIDE or viewer.role in OFFICIAL
    )
    return Seen(name=f"{name} ({role_label})" if name else role_label, custody=custody)
