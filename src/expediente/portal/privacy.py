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


# E.164 country codes are prefix-free: these are two digits long, 1 and 7 one, and
# every other three (ITU-T E.164, assigned codes).
_TWO_DIGIT_CODES = frozenset(
    str(code)
    for code in (
        20,
        27,
        30,
        31,
        32,
        33,
        34,
        36,
        39,
        40,
        41,
        43,
        44,
        45,
        46,
        47,
        48,
        49,
        51,
        52,
        53,
        54,
        55,
        56,
        57,
        58,
        60,
        61,
        62,
        63,
        64,
        65,
        66,
        81,
        82,
        84,
        86,
        90,
        91,
        92,
        93,
        94,
        95,
        98,
    )
)


def _country_code(digits: str) -> str:
    if digits[:1] in {"1", "7"}:
        return digits[:1]
    return digits[:2] if digits[:2] in _TWO_DIGIT_CODES else digits[:3]


# Mail providers so common that their name says nothing about where she is.
COMMON_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "yahoo.es",
        "yahoo.com.br",
        "yahoo.fr",
        "icloud.com",
        "me.com",
        "proton.me",
        "protonmail.com",
        "aol.com",
        "gmx.com",
        "gmx.fr",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "hotmail.es",
        "hotmail.fr",
        "outlook.es",
        "uol.com.br",
        "bol.com.br",
        "terra.com.br",
        "example.org",
        "example.com",
    }
)


def _masked_domain(domain: str) -> str:
    if domain in COMMON_MAIL_DOMAINS:
        return domain
    last = domain.rsplit(".", 1)[-1] if "." in domain else ""
    return f"{domain[:1]}***.{last}" if last else f"{domain[:1]}***"


def masked_address(channel: str, address: str) -> str:
    """A participant's own notification address as the portal shows it: enough for her to
    know which it is, not enough for whoever else holds the code (the accused who found a
    printed notice) to learn her new number or email. A phone keeps its country code and
    last four digits ("+506 ****4321"); an email its first letter and domain
    ("r***@gmail.com"; a domain not of a common mail provider keeps only its first
    letter and its last part, "r***@c***.cr": the domain of her new employer or her
    lawyer's office would say where to find her); a webhook its host. The inbox has none."""
    if channel == "sms" and address.startswith("+"):
        digits = address[1:]
        code = _country_code(digits)
        return f"+{code} ****{digits[len(code) :][-4:]}"
    if channel == "email" and "@" in address:
        local, _at, domain = address.rpartition("@")
        return f"{local[:1]}***@{_masked_domain(domain.lower())}"
    if channel == "webhook":
        scheme, _sep, rest = address.partition("://")
        return f"{scheme}://{rest.split('/', 1)[0]}/…" if rest else "…"
    return ""


# Roles told near the top of their page whether each accused is held or free (the
# custody line, ``portal/custody_status.py``): the victim's side, whom the accused's
# release most concerns, and who do not see the detention clock (``seen_by``).
CUSTODY_LINE_ROLES = frozenset({"victim", "complainant"})


def custody_line_shown(viewer: Viewer) -> bool:
    """Whether ``viewer`` is given the custody line. It says only what the custody
    entries of their own history already say (the same entries, read as the timeline
    reads them: not in a sealed case's detention part, which the victim's side never
    reads); nobody else is given it (the accused's side and the officials read the
    detention clock instead)."""
    return viewer.role in CUSTODY_LINE_ROLES or viewer.victim_side
