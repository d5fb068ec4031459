"""Participants' access codes: issue (which rotates), revoke, and check at sign-in.

A code is 12 symbols from a 31-symbol alphabet without look-alikes (no 0/O, 1/I/L),
printed in groups of four to read aloud: about 59 bits. Only a keyed, slow hash is
stored: scrypt over an HMAC of the case's national identifier and the code, keyed by a
secret derived from SECRET_KEY. Checking a code always does the same hash work, whether
the case exists or not, and every failure counts against the entered case number from
that client address and against the client address (``access/code_throttle.py``, which
says why nothing counts against a case number alone and why guessing stays infeasible).
docs/security.md gives the numbers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from expediente.access import code_throttle
from expediente.access.capabilities import Capability
from expediente.access.models import ParticipantCode, ParticipantLink, ParticipantLinkEnded, User
from expediente.access.policy import Actor, can
from expediente.docket import standing
from expediente.docket.errors import InvalidInput, NotFound
from expediente.docket.models import Case, Participation
from expediente.docket.professional_roles import PROSECUTION_ROLES
from expediente.docket.text import fold
from expediente.greenlets import off_the_loop

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 12
GROUP = 4
# a Costa Rican number (26-000123-0042-PE) or a Brazilian CNJ number (0000002-97.2026.8.26.0247:
# its dots were refused, so no Brazilian family could sign in with its code)
CASE_NUMBER = re.compile(r"^[A-Z0-9][A-Z0-9.-]{0,39}$")
LANGUAGES = ("es", "en", "pt", "fr")


class CodeRefused(Exception):
    """The case number and code do not match an active code. Deliberately says no more."""


class CodeLocked(Exception):
    """Too many failures from this client address, for this case number or for any:
    never because of what other clients typed."""

    def __init__(self, minutes: int) -> None:
        super().__init__(f"locked for {minutes} minutes")
        self.minutes = minutes


def _invalid(field: str, message: str) -> InvalidInput:
    return InvalidInput(f"{field}: {message}", errors=[{"field": field, "message": message}])


def code_format(code: str) -> str:
    """The code as printed: groups of four, joined by hyphens."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalize_code(text: str) -> str:
    """The code without spaces or hyphens, in capitals; InvalidInput if it cannot be one."""
    code = re.sub(r"[\s\-]", "", text or "").upper()
    example = code_format("K7QM3XHD9RTW")
    if not code:
        raise _invalid(
            "code",
            _("Enter the access code printed on your notice, for example %(example)s.")
            % {"example": example},
        )
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        raise _invalid(
            "code",
            _(
                "The access code has %(n)d letters and digits, for example %(example)s. "
                "Check that you copied it as printed."
            )
            % {"n": LENGTH, "example": example},
        )
    return code


def normalize_case_number(text: str) -> str:
    number = re.sub(r"\s", "", text or "").upper()
    if not number or not CASE_NUMBER.match(number):
        raise _invalid(
            "case_number",
            _("Enter the case number as it appears on your notice, for example 26-000123-0042-PE."),
        )
    return number


def _digest(case_number: str, code: str) -> str:
    """Keyed, then slow: guessing needs the server's secret, and each guess costs scrypt."""
    pepper = hashlib.sha256(b"expediente.participant-codes\x00" + settings.SECRET_KEY.encode())
    keyed = hmac.new(pepper.digest(), f"{case_number}\x00{code}".encode(), hashlib.sha256)
    n = getattr(settings, "PORTAL_CODE_SCRYPT_N", 2**14)
    # in a real thread when serving with greenlets (65 ms that would hold the others)
    slow = off_the_loop(
        hashlib.scrypt, keyed.digest(), salt=b"expediente-code", n=n, r=8, p=1, dklen=32
    )
    return slow.hex()


def _participant_check(case: Case, participant: str) -> None:
    if participant not in (case.roster or {}).get("participants", {}):
        raise NotFound(f"no participant {participant!r} in case {case.nuid}")


def code_issue(
    *,
    case: Case,
    participant: str,
    actor: Actor,
    language: str,
    expires_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> tuple[ParticipantCode, str]:
    """A new code for a participant, and the code itself as printed, in groups (shown
    once, on the notice). Any code the participant had stops working."""
    if not can(actor, Capability.CODES_ISSUE, case=case):
        raise NotFound(f"no case {case.nuid!r}")
    _participant_check(case, participant)
    now = now or timezone.now()
    if language not in LANGUAGES:
        raise _invalid("language", _("Choose one of the languages in the list."))
    if expires_at is not None and expires_at <= now:
        raise _invalid("expires_on", _("The expiry date must be after today, or left empty."))
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    with transaction.atomic():
        _revoke(case, participant, now)
        row = ParticipantCode.objects.create(
            case=case,
            participant=participant,
            digest=_digest(case.nuid, code),
            language=language,
            issued_at=now,
            issued_by=actor.user,
            expires_at=expires_at,
        )
    return row, code_format(code)


def _revoke(case: Case, participant: str, now: dt.datetime) -> int:
    """Revoke the participant's working codes, and stop the messages asked for through
    them (a leaked code's holder was still told of every entry after it was revoked)."""
    from expediente.notify.subscriptions import stop_made_with  # notify reads access

    live = ParticipantCode.objects.filter(
        case=case, participant=participant, revoked_at__isnull=True
    )
    with transaction.atomic():  # the code and its messages stop together
        ids = list(live.values_list("pk", flat=True))
        revoked = ParticipantCode.objects.filter(pk__in=ids).update(revoked_at=now)
        stop_made_with(ids, now)
    return revoked


def code_revoke(
    *, case: Case, participant: str, actor: Actor, now: dt.datetime | None = None
) -> int:
    """Stop the participant's code working. Returns how many codes were revoked (0 or 1)."""
    if not can(actor, Capability.CODES_ISSUE, case=case):
        raise NotFound(f"no case {case.nuid!r}")
    _participant_check(case, participant)
    return _revoke(case, participant, now or timezone.now())


def code_active(*, case: Case, participant: str, now: dt.datetime) -> ParticipantCode | None:
    return (
        ParticipantCode.objects.filter(case=case, participant=participant)
        .filter(revoked_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )


@dataclass(frozen=True)
class Verified:
    case: Case
    participant: str
    code: ParticipantCode


def code_verify(
    *, case_number: str, code: str, client_ip: str, now: dt.datetime | None = None
) -> Verified:
    """The participation this case number and code open, or CodeRefused / CodeLocked /
    InvalidInput (malformed input, not counted). Same work and same answer whether the
    case exists or not."""
    now = now or timezone.now()
    number = normalize_case_number(case_number)
    plain = normalize_code(code)
    keys = code_throttle.throttle_keys(case_number=number, client_ip=client_ip)
    locked = code_throttle.locked_for(keys, now)
    if locked:
        raise CodeLocked(locked)
    digest = _digest(number, plain)  # always: the time must not tell whether the case exists
    row = (
        ParticipantCode.objects.select_related("case__court")
        .filter(digest=digest, case__nuid=number, revoked_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )
    if row is None:
        minutes = code_throttle.failure_count(keys, now)
        if minutes:
            raise CodeLocked(minutes)
        raise CodeRefused
    code_throttle.success_clear(keys)
    ParticipantCode.objects.filter(pk=row.pk).update(last_used_at=now)
    return Verified(case=row.case, participant=row.participant, code=row)


# The two sides a case's participants take: an account following a participation on one
# side may not also follow one on the other (a defence lawyer linked to the victim's
# participation read the victim's protected page and could petition as the victim).
ACCUSED_SIDE = frozenset({"accused", "defence", "public_defender"})
VICTIM_SIDE = frozenset({"victim", "complainant", "victim_lawyer"})
# The prosecution is a side of its own: it reads the whole record (rule
# ``prosecution_party``), so an account following its participation may follow no
# participation of either other side (a defence lawyer's account linked by a slip to the
# prosecutor's would read every identity document; a prosecutor's linked to the victim's
# could petition as her), nor another side's account follow it.
PROSECUTION_SIDE = PROSECUTION_ROLES


def side_of(role: str, ward_role: str = "") -> frozenset[str] | None:
    """The side of the case a role is on (accused, victim or the prosecution), or None
    (a witness…).

    A guardian is on the side of the person she stands for (``ward_role``, the role of
    the participant ``Participation.stands_for`` names, ``docket/standing.py``): the
    accused's side for an accused, the victim's side for a victim, a complainant or a
    witness. A witness herself is on neither side, but her guardian reads the portal of
    the victim's side (the measures protecting the child, by her name; no detention
    clock: ``Standing.for_victim_side``), which the accused's side must not read through
    a second link. A guardian for whom nothing is recorded (``ward_role`` empty) is on
    neither side, as before the record existed: an account may follow her and either
    side, until the clerk records whom she stands for (an entry that would leave an
    account on both sides is refused, ``access/link_sides.py``).
    """
    if role == standing.GUARDIAN:
        if ward_role == standing.ACCUSED:
            return ACCUSED_SIDE
        return VICTIM_SIDE if ward_role in standing.VICTIM_SIDE_WARDS else None
    for side in (ACCUSED_SIDE, VICTIM_SIDE, PROSECUTION_SIDE):
        if role in side:
            return side
    return None


def sides(roles: dict[str, str], wards: dict[str, str]) -> dict[str, frozenset[str] | None]:
    """Each participant's side, by uid, from the case's roles and whom each guardian
    stands for (``wards``: guardian uid -> participant uid)."""
    return {uid: side_of(role, roles.get(wards.get(uid, ""), "")) for uid, role in roles.items()}


def roles_and_wards(case: Case) -> tuple[dict[str, str], dict[str, str]]:
    """The case's roles by uid (its roster) and whom each guardian stands for (one query)."""
    roles = dict((case.roster or {}).get("participants", {}))
    wards = dict(
        Participation.objects.filter(case=case)
        .exclude(stands_for="")
        .values_list("uid", "stands_for")
    )
    return roles, wards


def case_sides(case: Case) -> dict[str, frozenset[str] | None]:
    """Each participant's side in the case, by uid (one query, for whom guardians stand for)."""
    return sides(*roles_and_wards(case))


def _check_sides(user: User, case: Case, participant: str, field: str) -> None:
    by_uid = case_sides(case)
    side = by_uid.get(participant)
    if side is None:
        return
    for other in ParticipantLink.objects.filter(user=user, case=case).values_list(
        "participant", flat=True
    ):
        other_side = by_uid.get(other)
        if other_side is not None and other_side is not side:
            if PROSECUTION_SIDE in (side, other_side):
                raise _invalid(
                    field,
                    _(
                        "This account already follows participant %(other)s of this case. "
                        "The prosecution's account follows no other side of the case "
                        "(accused or victim), so it may not also follow participant "
                        "%(participant)s."
                    )
                    % {"other": other, "participant": participant},
                )
            raise _invalid(
                field,
                _(
                    "This account already follows participant %(other)s of this case, on "
                    "the other side (accused or victim); it may not also follow "
                    "participant %(participant)s."
                )
                % {"other": other, "participant": participant},
            )


def link_create(
    *,
    user: User,
    case: Case,
    participant: str,
    created_by: User,
    how: str,
    now: dt.datetime | None = None,
) -> ParticipantLink:
    """Link an account to a participation (idempotent: an existing link is returned)."""
    _participant_check(case, participant)
    if not user.is_active:
        raise _invalid("username", _("That account is not active."))
    field = "code" if how == "code" else "username"
    if user.is_staff or user.is_superuser or user.memberships.filter(active=True).exists():
        # a court's staff read cases in the workspace, under their role; an account that
        # follows a participation reads as that participant (a judge linked by a typo to
        # the victim would read her petitions as her side)
        raise _invalid(
            field,
            _(
                "That is a court staff or administrator account: link only the account of "
                "the participant or of their lawyer."
            ),
        )
    _check_sides(user, case, participant, field)
    try:
        with transaction.atomic():
            link, _created = ParticipantLink.objects.get_or_create(
                user=user,
                case=case,
                participant=participant,
                defaults={
                    "created_at": now or timezone.now(),
                    "created_by": created_by,
                    "how": how,
                },
            )
            if _created:  # her notifications, if on, cover it from now on, in this commit
                from expediente.notify.accounts import link_made  # notify reads access

                link_made(link)
    except IntegrityError:  # a concurrent request made the same link
        link = ParticipantLink.objects.get(user=user, case=case, participant=participant)
    return link


def _namesake_on_the_other_side(user: User, case: Case, participant: str) -> str | None:
    """The participant of the other side of the case (accused or victim) whose name is
    the account holder's (accents and case aside), if any: the defender's account linked
    by a slip to the victim would read the victim's page and petition as her."""
    holder = fold(user.get_full_name())
    by_uid = case_sides(case)
    side = by_uid.get(participant)
    if not holder or side is None:
        return None
    for p in Participation.objects.filter(case=case).select_related("person"):
        other = by_uid.get(p.uid)
        if other is not None and other is not side and fold(p.person.display_name) == holder:
            return p.uid
    return None


def link_by_clerk(
    *,
    case: Case,
    participant: str,
    username: str,
    actor: Actor,
    namesake_confirmed: bool = False,
    now: dt.datetime | None = None,
) -> ParticipantLink:
    """A clerk links an existing account (a lawyer's) to a participant of the case.
    When the account holder has the name of a participant on the other side of the case,
    the link is made only once the clerk confirms it is another person."""
    if not can(actor, Capability.CODES_ISSUE, case=case):
        raise NotFound(f"no case {case.nuid!r}")
    if not (username or "").strip():
        raise _invalid("username", _("Enter the user name of the account to link."))
    user = User.objects.filter(username=(username or "").strip(), is_system=False).first()
    if user is None:
        raise _invalid(
            "username",
            _(
                "There is no account with that user name. Check the spelling, or ask the "
                "person to create an account first."
            ),
        )
    namesake = None if namesake_confirmed else _namesake_on_the_other_side(user, case, participant)
    if namesake is not None:
        raise _invalid(
            "username",
            _(
                "The holder of that account, %(name)s, has the name of participant "
                "%(other)s, on the other side of this case (accused or victim). If it is "
                'another person, tick "Another person of the same name" and link again.'
            )
            % {"name": user.get_full_name(), "other": namesake},
        )
    return link_create(
        user=user, case=case, participant=participant, created_by=actor.user, how="clerk", now=now
    )


def link_remove(
    *, case: Case, participant: str, username: str, actor: Actor, now: dt.datetime | None = None
) -> ParticipantLinkEnded:
    """A clerk removes an account's link to a participant of the case: from now on the
    account no longer follows it (its /my/ pages, petitions and emails for it stop, the
    email subscription its notifications made for it included). The link is kept in
    ``ParticipantLinkEnded`` with who ended it and when."""
    if not can(actor, Capability.CODES_ISSUE, case=case):
        raise NotFound(f"no case {case.nuid!r}")
    _participant_check(case, participant)
    name = (username or "").strip()
    link = (
        ParticipantLink.objects.filter(case=case, participant=participant, user__username=name)
        .select_related("user")
        .first()
        if name
        else None
    )
    if link is None:
        raise _invalid(
            "username",
            _("No account with that user name follows participant %(participant)s.")
            % {"participant": participant},
        )
    now = now or timezone.now()
    with transaction.atomic():
        ended = ParticipantLinkEnded.objects.create(
            user=link.user,
            case=case,
            participant=participant,
            created_at=link.created_at,
            created_by_id=link.created_by_id,
            how=link.how,
            ended_at=now,
            ended_by=actor.user,
        )
        from expediente.notify.accounts import link_removed  # notify reads access

        link_removed(link, now=now)
        link.delete()
    return ended


def link_by_code(
    *, user: User, case_number: str, code: str, client_ip: str, now: dt.datetime | None = None
) -> ParticipantLink:
    """A signed-in user redeems a participant's code: the account follows that
    participation from now on. Throttled like a code sign-in."""
    verified = code_verify(case_number=case_number, code=code, client_ip=client_ip, now=now)
    return link_create(
        user=user,
        case=verified.case,
        participant=verified.participant,
        created_by=user,
        how="code",
        now=now,
    )
