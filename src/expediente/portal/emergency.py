"""The number a person in danger calls (the pack's ``emergency``), for the pages that
speak to someone who may be in danger: the people a measure protects (the measures
panel), and whoever asks the court for protection (the form and the petition's
receipt), and the code sign-in when it locks someone out. A pack without one: the page
says "the emergency number" (``portal/_emergency.html``)."""

from __future__ import annotations

from typing import Any

from expediente.api.present import localized
from expediente.docket.models import Court
from expediente.petitions.models import Kind
from expediente.rules.loader import load_pack


def emergency_number(court: Court) -> dict[str, str] | None:
    """The court's country's emergency number, for ``portal/_emergency.html``."""
    emergency = load_pack(court.rule_pack).emergency
    if emergency is None:
        return None
    return {
        "phone": emergency.phone,
        "dial": emergency.dial,
        "name": localized(emergency.name) or "",
    }


def emergency_everywhere() -> dict[str, str] | None:
    """The emergency number for a page that knows no case (the code sign-in): the one
    the packs of all the courts give, when they all give one and it is the same; None
    otherwise (the page then says "the emergency number"). The case number typed must
    not choose it: that would tell whoever typed it that the case exists, and where."""
    packs = Court.objects.order_by().values_list("rule_pack", flat=True).distinct()
    numbers = [load_pack(pack).emergency for pack in packs]
    if not numbers or any(n is None for n in numbers):
        return None
    if len({n.dial for n in numbers if n is not None}) != 1:
        return None
    first = numbers[0]
    assert first is not None
    return {"phone": first.phone, "dial": first.dial, "name": localized(first.name) or ""}


def for_protection(court: Court, kind: str) -> dict[str, Any]:
    """The context that puts the emergency line on a petition's page (its form, its
    receipt) when it is a request for protection; nothing for any other kind."""
    if kind != Kind.PROTECTIVE_MEASURE:
        return {"emergency_line": False}
    return {"emergency_line": True, "emergency": emergency_number(court)}
