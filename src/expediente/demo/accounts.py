"""Demo accounts, printed by `make run`: an administrator for /admin/, court staff for the
workspace (password and authenticator key), and two API tokens: a prosecution office's
system and a public defence office's (which reads no victim's petition text).

Their secrets derive from SECRET_KEY, so on a laptop demo they are the same every run,
and on a server with its own SECRET_KEY nobody can guess them.
"""

from __future__ import annotations

import base64
import hashlib
import os

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.models import ApiToken, Membership, User
from expediente.access.tokens import TOKEN_PREFIX, _digest

ADMIN = "admin"
# username, full name, [(court code, role)]
STAFF = [
    ("clerk", "Laura Quesada Mora", [("sj-penal", "clerk"), ("cartago-penal", "clerk")]),
    ("judge", "Esteban Vargas Solano", [("sj-penal", "judge"), ("cartago-penal", "judge")]),
    ("juvenile.judge", "Ana Lucía Brenes Castro", [("sj-juvenil", "judge")]),
    ("juvenile.clerk", "Randall Céspedes Ureña", [("sj-juvenil", "clerk")]),
    ("juiza", "Mariana Albuquerque Teixeira", [("ilhabela-vara", "judge")]),
    ("escrivao", "Rodrigo Pereira Nunes", [("ilhabela-vara", "clerk")]),
]


# The docket person each demo judge is (``court.StaffPerson``): named as the judge in most
# cases of the judge's courts (``demo.generator.simulate``), so "cases that name me" on
# the judge's list and calendar has cases; a colleague is named in the others.
JUDGE_SEX = {"judge": "male", "juvenile.judge": "female", "juiza": "female"}


def judge_person(username: str) -> dict[str, str]:
    """The person payload naming the demo judge ``username`` in a case (always the same:
    a participation restating a person's uid must restate them exactly)."""
    full = next(full for name, full, _roles in STAFF if name == username)
    given, family = full.split(" ", 1)
    uid = f"demo.judge.{username}"
    return {"uid": uid, "given_names": given, "family_names": family, "sex": JUDGE_SEX[username]}


def colleague_person(court_code: str, brazilian: bool = False) -> dict[str, str]:
    """Another judge of the court, with no account: named in the cases the demo judge is not."""
    given, family = ("Beatriz", "Oliveira Santos") if brazilian else ("Adriana", "Solís Vega")
    return {
        "uid": f"demo.judge.{court_code}.colleague",
        "given_names": given,
        "family_names": family,
        "sex": "female",
    }


def court_judge(court_code: str) -> str | None:
    """The demo judge account of a court, if it has one."""
    for name, _full, roles in STAFF:
        if name in JUDGE_SEX and (court_code, "judge") in roles:
            return name
    return None


def _secret(purpose: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:demo:{purpose}".encode()).hexdigest()[:24]


def _staff(username: str, full_name: str, roles: list[tuple[str, str]], password: str) -> str:
    from expediente.docket.models import Court

    given, family = full_name.split(" ", 1) if " " in full_name else (full_name, "")
    user, _ = User.objects.get_or_create(username=username)
    user.first_name, user.last_name = given, family
    if username in JUDGE_SEX and not user.email:
        # deadline alerts reach a judge by email too (notify/staff.py); the demo's mail
        # goes to files under var/mail (EMAIL_BACKEND "file")
        user.email = f"{username}@example.org"
    user.set_password(password)
    user.save()
    for code, role in roles:
        court = Court.objects.filter(code=code).first()
        if court is not None:
            Membership.objects.get_or_create(user=user, court=court, role=role)
    if username in JUDGE_SEX:
        from expediente.court.models import StaffPerson

        uid = judge_person(username)["uid"]
        StaffPerson.objects.update_or_create(user=user, defaults={"person_uid": uid})
    return _authenticator(user)


def _authenticator(user: User) -> str:
    """Give a demo account its authenticator (a TOTP device derived from SECRET_KEY, so
    the printed key stays the same across runs); returns the key to type in an app."""
    seed = f"{settings.SECRET_KEY}:demo:totp:{user.username}"
    key = hashlib.sha256(seed.encode()).hexdigest()[:40]
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name=DEVICE, defaults={"key": key, "confirmed": True}
    )
    if device.key != key or not device.confirmed:
        device.key, device.confirmed = key, True
        device.save(update_fields=["key", "confirmed"])
    return base64.b32encode(bytes.fromhex(key)).decode("ascii")


DEVICE = "demo authenticator"
SYSTEM_ACCOUNTS = ("demo", "demo-api")  # the generator's actor, the demo tokens' owner


def accounts_not_the_demos(limit: int = 5) -> list[str]:
    """Usernames of accounts the demo did not make (up to ``limit``): every account it
    makes for a person has its authenticator (``DEVICE``); its two system accounts are
    named. A court's own ``admin`` has no demo authenticator, so it is one of these."""
    ours = TOTPDevice.objects.filter(name=DEVICE).values("user_id")
    return list(
        User.objects.exclude(pk__in=ours)
        .exclude(username__in=SYSTEM_ACCOUNTS, is_system=True)
        .order_by("username")
        .values_list("username", flat=True)[:limit]
    )


def current_code(username: str) -> str:
    """The authenticator code a demo staff account needs right now (demo accounts only)."""
    if username not in {ADMIN, LAWYER[0], PROSECUTOR[0]} | {name for name, _, _ in STAFF}:
        raise ValueError(f"{username!r} is not a demo account")
    device = TOTPDevice.objects.get(user__username=username, name=DEVICE)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


LAWYER = ("defensora", "Rosa Jiménez Alfaro")
LAWYER_COURT = "sj-penal"  # the public defender of its cases where a family petitions
PROSECUTOR = ("fiscala", "Andrea Solís Mora")  # the prosecutor of the same cases


def _family_code(site: str) -> list[str]:
    """A portal code for the family of a detained person (the first demo case where a family
    follows the case and petitions, in San José), derived from SECRET_KEY like the
    passwords so it is the same every run. Nothing is printed if the case is missing or
    a clerk has since replaced or revoked the code."""
    from expediente.access.models import ParticipantCode
    from expediente.access.participant_codes import ALPHABET, LENGTH, code_format
    from expediente.access.participant_codes import _digest as code_digest
    from expediente.petitions.models import Petition

    petition = (
        Petition.objects.filter(court__code="sj-penal", filed_via="portal")
        .select_related("case", "petitioner")
        .order_by("case__number", "filed_seq")
        .first()
    )
    clerk = User.objects.filter(username="clerk").first()
    if petition is None or clerk is None:
        return []
    case = petition.case
    participant = petition.petitioner.uid
    number, code = int(_secret(f"portal:{case.nuid}"), 16), ""
    for _ in range(LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        code += ALPHABET[digit]
    digest = code_digest(case.nuid, code)
    row = ParticipantCode.objects.filter(digest=digest).first()
    if row is None:
        if ParticipantCode.objects.filter(case=case, participant=participant).exists():
            return []  # the court issued its own code since
        row = ParticipantCode.objects.create(
            case=case,
            participant=participant,
            digest=digest,
            language="es",
            issued_at=timezone.now(),
            issued_by=clerk,
        )
    if row.revoked_at is not None:
        return []
    return [
        f"  portal          {site}/follow/   case {case.number}   code {code_format(code)}",
        "                  (the code the court gave the family of someone detained)",
    ]


def _lawyer(password: str) -> str:
    """A public defender's account for /my/: linked to her participation and her client's
    in the San José cases where a family petitions (the demo names her their public
    defender, ``demo/petitions.py``), as a clerk would link them; and her emails on, to
    the address those cases' subscriptions send to (``_her_emails``)."""
    key = _linked_account(LAWYER, {"public_defender", "accused"}, password)
    _her_emails(User.objects.get(username=LAWYER[0]))
    return key


def _her_emails(user: User) -> None:
    """The demo's cases subscribed the defender's address before her account existed
    (``demo/petitions._subscribe``, as a clerk might): her /my/notifications/ shows that
    address confirmed and the emails on, and turning them on there makes those
    subscriptions her account's (``notify.accounts.counsel_subscriptions_sync``), so the
    page lists them and "off" stops them, as after a sign-up of her own."""
    from expediente.demo.petitions import _address
    from expediente.notify.accounts import CONSENT_VERSION, counsel_subscriptions_sync
    from expediente.notify.models import AccountNotices

    now = timezone.now()
    AccountNotices.objects.update_or_create(
        user=user,
        defaults={
            "address": _address(LAWYER[1]),
            "confirmed_at": now,
            "pending": "",
            "confirm_token": None,
            "on": True,
            "language": "es",
            "consent_at": now,
            "consent_text_version": CONSENT_VERSION,
        },
    )
    counsel_subscriptions_sync(user, now=now)


def _prosecutor(password: str) -> str:
    """A prosecutor's account for /my/: linked to the prosecutor of the same cases (her
    cases, their deadlines that alert the prosecution, her notifications)."""
    return _linked_account(PROSECUTOR, {"prosecutor"}, password)


def _linked_account(who: tuple[str, str], roles: set[str], password: str) -> str:
    from expediente.access.participant_codes import link_create
    from expediente.petitions.models import Petition

    username, full = who
    given, family = full.split(" ", 1)
    user, _ = User.objects.get_or_create(username=username)
    user.first_name, user.last_name = given, family
    user.set_password(password)
    user.save()
    clerk = User.objects.filter(username="clerk").first()
    cases = {
        p.case for p in Petition.objects.filter(court__code=LAWYER_COURT).select_related("case")
    }
    for case in sorted(cases, key=lambda c: c.number):
        people = (case.roster or {}).get("participants", {})
        for pid, role in people.items():
            if clerk is not None and role in roles:
                link_create(user=user, case=case, participant=pid, created_by=clerk, how="clerk")
    return _authenticator(user)


def _demo_token(seed: str, name: str, scopes: list[str], agency: str) -> str:
    """The demo's token of an agency's system (the same secret at every run), and its
    secret. An earlier run's token is given its agency (tokens issued before agencies were
    recorded serve ``other``)."""
    secret = TOKEN_PREFIX + "demo" + _secret(seed)
    system, _ = User.objects.get_or_create(username="demo-api", defaults={"is_system": True})
    token, _ = ApiToken.objects.get_or_create(
        digest=_digest(secret),
        defaults={
            "user": system,
            "name": name,
            "prefix": secret[:12],
            "scopes": scopes,
            "agency": agency,
        },
    )
    if token.agency != agency:
        ApiToken.objects.filter(pk=token.pk).update(agency=agency)
    return secret


def demo_accounts() -> str:
    """Make (or remake) the demo accounts and return the lines to print: all of them or,
    interrupted, none (an account left without its authenticator would be read as one
    the demo did not make, and the next run would refuse the database)."""
    with transaction.atomic():
        return _demo_accounts()


def _demo_accounts() -> str:
    password = "demo-" + _secret("admin")[:12]
    admin, _ = User.objects.get_or_create(
        username=ADMIN, defaults={"is_staff": True, "is_superuser": True}
    )
    admin.is_staff = admin.is_superuser = True
    admin.set_password(password)
    admin.save()
    admin_key = _authenticator(admin)
    staff_password = "demo-" + _secret("staff")[:12]
    keys = {name: _staff(name, full, roles, staff_password) for name, full, roles in STAFF}
    token_secret = _demo_token(
        "token", "demo API token", ["cases:read", "cases:write"], "prosecution"
    )
    defence_secret = _demo_token(
        "defence-token", "demo public defence token", ["cases:read"], "public_defence"
    )
    site = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
    lines = [
        "",
        "Demo accounts (for this laptop only):",
        f"  administrator   {site}/admin/   user {ADMIN}   password {password}",
        f"                  authenticator key {admin_key} (expediente demo --code {ADMIN})",
        f"  court staff     {site}/court/   password {staff_password} for:",
    ]
    for name, full, roles in STAFF:
        where = ", ".join(f"{role} in {code}" for code, role in roles)
        lines.append(f"                  {name:<15} {full} ({where})")
        lines.append(f"                  {'':<15} authenticator key {keys[name]}")
    lawyer_key = _lawyer(staff_password)
    prosecutor_key = _prosecutor(staff_password)
    lines += [
        "                  or print the current code: expediente demo --code clerk",
        f"  lawyer          {site}/my/sign-in/   user {LAWYER[0]}   password {staff_password}",
        f"                  {LAWYER[1]}, public defender; authenticator key {lawyer_key}",
        f"  prosecutor      {site}/my/sign-in/   user {PROSECUTOR[0]}   password {staff_password}",
        f"                  {PROSECUTOR[1]}, prosecutor of the same cases; authenticator key"
        f" {prosecutor_key}",
        *_family_code(site),
        f"  API token       Authorization: Bearer {token_secret}",
        "                  a prosecution office's system, scopes cases:read cases:write; try",
        f"                  curl -H 'Authorization: Bearer {token_secret}' {site}/api/v1/courts",
        f"  defence token   Authorization: Bearer {defence_secret}",
        "                  a public defence office's system, scope cases:read: it reads no",
        "                  victim's petition text nor the court's reasons on one",
        "",
    ]
    return "\n".join(lines)
