"""What one participant may see of another, as the portal shows it.

Whose real name a participant sees is decided by the rule pack's disclosure rules, in
``access/disclosure.py`` (``CaseView.name``), the one redaction function of every
channel; this module only adds the portal's own rule on detention clocks and the way a
person is written ("name (role)"). Keep every such decision of the portal here, not in
views or templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from expediente.docket.professional_roles import DEFENCE_ROLES, PROSECUTION_ROLES

# Roles that act for the accused (a juvenile's guardian too, unless the docket records
# her as standing for a victim, complainant or witness): they see the detention clock
# of every accused person.
DEFENCE_SIDE = DEFENCE_ROLES | {"guardian"}
# Roles of the court and prosecution: they see everything the portal shows.
OFFICIAL = PROSECUTION_ROLES | {"judge"}


@dataclass(frozen=True)
class Viewer:
    """Who is looking: the participation they follow the case through. ``victim_side``:
    a guardian the docket records as standing for a victim, complainant or witness
    (``docket/standing.py``), who reads the case as that person's side does."""

    participant: str
    role: str
    victim_side: bool = False


@dataclass(frozen=True)
class Subject:
    """Someone in the case: ``name`` is already as the viewer may see it
    (``access.disclosure.CaseView.name``: real name, initials, pseudonym, or "")."""

    participant: str
    role: str
    name: str


@dataclass(frozen=True)
class Seen:
    name: str  # how the viewer sees this person named
    custody: bool  # may the viewer see this person's detention clock


def seen_by(viewer: Viewer, subject: Subject, role_label: str) -> Seen:
    """How ``viewer`` sees ``subject``.

    - The name is the disclosure rules' (everyone sees their own real name; a protected
      person is shown to everyone else by pseudonym; see ``access/disclosure.py``).
    - Nobody sees another person's identity document or date of birth, unless the
      disclosure rules show that reader those classes (the prosecution, rule
      ``prosecution_party``: ``case_view._record``); nobody sees an address: the portal
      never reads one.
    - The detention clock of an accused is shown to that accused (and so to the family
      holding the accused's code), to the defence and to the officials; not to victims or
      witnesses, who see custody events on the timeline.
    """
    own = subject.participant == viewer.participant
    name = subject.name
    defence_side = viewer.role in DEFENCE_SIDE and not viewer.victim_side
    custody = subject.role == "accused" and (own or defence_side or viewer.role in OFFICIAL)
    return Seen(name=f"{name} ({role_label})" if name else role_label, custody=custody)
