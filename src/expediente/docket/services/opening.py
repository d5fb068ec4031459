"""``case_open``: open a case in a court; its first event is ``case.opened``."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can
from expediente.docket.errors import InvalidInput, PermissionDenied, Words
from expediente.docket.models import Case, CaseCounter, Court, Procedure
from expediente.docket.services.common import (
    Recorded,
    append,
    check_key,
    check_occurred_at,
    digest,
    reject_nul,
    replay,
    validate_core,
)
from expediente.integrity.chain import GENESIS
from expediente.rules.loader import load_pack
from expediente.rules.numbering import BadNumber, NumberParts, check_number, format_number
from expediente.rules.schema import Pack


def procedure_label(procedure: str) -> dict[str, str]:
    """A procedure's name in each of the site's languages ("Juvenile", "Juvenil", …), as
    the case form offers it (``docket.models.Procedure``): a rule pack names no
    procedures, only their ids."""
    label = Procedure(procedure).label
    out = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            out[code] = str(label)
    return out


def _next_number(scope: str, year: int) -> int:
    counter, _ = CaseCounter.objects.select_for_update().get_or_create(scope=scope, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _parts(court: Court, matter: str, year: int, seq: int) -> NumberParts:
    return NumberParts(year=year, seq=seq, office=court.office_code, matter=matter)


def _check_typed_number(number: str, pack: Pack, court: Court, year: int) -> None:
    """A number typed in for a court whose numbers carry check digits (Brazil's CNJ
    number) must have their shape and the right check digits."""
    numbering = pack.numbering
    fmt = numbering.court_number or numbering.national_id
    try:
        check_number(number, fmt, _parts(court, numbering.matter, year, 1), numbering.check)
    except BadNumber as exc:
        raise InvalidInput(
            f"number {number!r}: {exc}",
            errors=[{"field": "number", "message": str(exc)}],
        ) from None


def _typed_number(number: str) -> str:
    """A court's own number as typed, without the spaces around it (the case.opened
    entry keeps it so): "QA-1 " and "QA-1" were two cases with one number, and a number
    of spaces, a tab or a hidden direction mark opened a case nobody could find."""
    typed = number.strip()
    rule = (
        "may not be blank; leave it out to have one given"
        if not typed
        else "may not contain tabs, line breaks or invisible characters"
        if not typed.isprintable()
        else ""
    )
    if rule:
        raise InvalidInput(f"number: {rule}", errors=[{"field": "number", "message": rule}])
    return typed


def case_open(
    *,
    court: Court,
    actor: Actor,
    procedure: str,
    occurred_at: dt.datetime,
    confidentiality: str | None = None,
    number: str | None = None,
    police_report: str = "",
    summary: str = "",
    idempotency_key: str | None = None,
) -> Recorded:
    """Open a case in a court; its first event is ``case.opened``."""
    check_key(idempotency_key)
    reject_nul(number=number, police_report=police_report, summary=summary)
    if not can(actor, Capability.CASE_OPEN, court_code=court.code):
        raise PermissionDenied("this account may not open cases in this court")
    if confidentiality == "sealed" and not can(actor, Capability.CASE_SEAL, court_code=court.code):
        # Opening a case sealed takes it out of every view outside the court, as a
        # sealing order does: the same permission (event_record, CONFIDENTIALITY_ORDERS).
        raise PermissionDenied(
            f"this account may not open a case sealed: sealing is recorded by the court's "
            f"staff, or by a token with the {Capability.CASE_SEAL} capability (scope "
            "cases:seal); open it restricted, or ask the court",
            errors=[{"field": "confidentiality", "message": "sealed needs the cases:seal scope"}],
        )
    fingerprint = digest(
        {
            "op": "open",
            "court": court.code,
            "procedure": procedure,
            "confidentiality": confidentiality,
            "number": number,
            "police_report": police_report,
            "summary": summary,
            "occurred_at": occurred_at.isoformat()
            if isinstance(occurred_at, dt.datetime)
            else None,
        }
    )
    earlier = replay(actor, idempotency_key, fingerprint)
    if earlier is not None:
        return Recorded(earlier, created=False)
    now = timezone.now()
    occurred = check_occurred_at(occurred_at, now)
    pack = load_pack(court.rule_pack)
    if procedure not in pack.procedures:
        raise InvalidInput(
            f"procedure {procedure!r} is not available in this court "
            f"(available: {', '.join(pack.procedures)})",
            errors=[{"field": "procedure", "message": f"one of {pack.procedures}"}],
        )
    heard = court.hears(pack.procedures)
    if procedure not in heard:
        # A juvenile case opened in an adult court never reaches the juvenile judges'
        # lists (and the reverse): refused, naming the procedures the court does hear by
        # their names (in English in the API's message, in the reader's language on a
        # form); the field's own message keeps the ids, for a program to read.
        words = Words(
            gettext_noop("%(court)s does not hear %(procedure)s cases (it hears: %(heard)s)"),
            {
                "court": court.name,
                "procedure": procedure_label(procedure),
                "heard": [procedure_label(p) for p in heard],
            },
        )
        raise InvalidInput(
            f"procedure: {words.english()}",
            errors=[
                {
                    "field": "procedure",
                    "message": f"{procedure!r} is not heard in this court: one of {heard}",
                }
            ],
            words={"procedure": words},
        )
    if confidentiality is None:
        # Juvenile proceedings are closed (MISSION ¶27(d)); adult cases are public.
        confidentiality = "restricted" if procedure == "juvenile" else "public"
    local_year = occurred.astimezone(ZoneInfo(court.timezone)).year
    if number is not None:
        number = _typed_number(number)
        _check_typed_number(number, pack, court, local_year)
    try:
        with transaction.atomic():
            if number is not None and Case.objects.filter(court=court, number=number).exists():
                raise InvalidInput(
                    f"number {number!r} is already used in {court.name}",
                    errors=[{"field": "number", "message": "already used in this court"}],
                )
            numbering = pack.numbering
            scope = (
                "national" if numbering.sequence == "national" else f"office:{court.office_code}"
            )
            nuid = format_number(
                numbering.national_id,
                _parts(court, numbering.matter, local_year, _next_number(scope, local_year)),
                numbering.check,
            )
            court_format = numbering.court_number
            if number is None and court_format is None:
                number = nuid
            elif number is None:
                assert court_format is not None
                number = format_number(
                    court_format,
                    _parts(
                        court, numbering.matter, local_year, _next_number(court.code, local_year)
                    ),
                    numbering.check,
                )
            payload = validate_core(
                "case.opened",
                {
                    "court": court.code,
                    "number": number,
                    "nuid": nuid,
                    "procedure": procedure,
                    "confidentiality": confidentiality,
                    "police_report": police_report,
                    "summary": summary,
                },
            )
            case = Case.objects.create(
                court=court,
                number=number,
                nuid=nuid,
                created_at=now,
                procedure=procedure,
                confidentiality=confidentiality,
                stage=pack.initial_stage,
                stage_since=occurred,
                opened_at=occurred,
                updated_at=now,
                last_seq=0,
                head_hash=GENESIS,
            )
            event = append(
                case=case,
                pack=pack,
                type_name="case.opened",
                payload=payload,
                actor=actor,
                occurred_at=occurred,
                now=now,
                corrects_seq=None,
                idempotency_key=idempotency_key,
                digest=fingerprint,
            )
    except IntegrityError:
        earlier = replay(actor, idempotency_key, fingerprint)
        if earlier is None:
            raise
        return Recorded(earlier, created=False)
    return Recorded(event, created=True)
