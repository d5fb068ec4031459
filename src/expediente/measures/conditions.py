"""What each kind of measure must state, and which compliance events it accepts.
Pure Python: no Django.

Every kind is listed explicitly (``KINDS``), so a new kind in a pack forces a decision
here: ``kind_rules`` raises on an unknown one. Numbers (intervals, hours, amounts) come
from the court's order in the event; nothing here is national law.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindRules:
    needs: tuple[str, ...]  # fields measure.imposed must give for this kind
    accepts: frozenset[str]  # compliance event types that make sense for it
    protective: bool = False  # protects a person (victims are told of breaches and ends)


CHECK_IN = "measure.checked_in"
HOURS = "measure.hours_logged"
PAYMENT = "measure.payment_made"
ATTENDED = "measure.attended"
DEVICE = "measure.device_event"

KINDS: dict[str, KindRules] = {
    "periodic_reporting": KindRules(("interval_days",), frozenset({CHECK_IN})),
    "restraining_order": KindRules(("protected", "distance_m"), frozenset({DEVICE}), True),
    "house_arrest": KindRules((), frozenset({DEVICE, CHECK_IN})),
    "curfew": KindRules(("curfew_from", "curfew_to"), frozenset({DEVICE})),
    "electronic_monitoring": KindRules(("device",), frozenset({DEVICE})),
    "travel_ban": KindRules((), frozenset()),
    "bail": KindRules(("amount",), frozenset({PAYMENT})),
    "place_or_activity_ban": KindRules(("place_or_activity",), frozenset({DEVICE})),
    "treatment_programme": KindRules(("programme", "interval_days"), frozenset({ATTENDED})),
    "community_service": KindRules(("hours", "due_on"), frozenset({HOURS})),
    "probation": KindRules((), frozenset({CHECK_IN, ATTENDED})),
    "fine_instalments": KindRules(("amount", "instalments", "interval_days"), frozenset({PAYMENT})),
    "restorative_agreement": KindRules((), frozenset({PAYMENT, ATTENDED})),
}

# Which compliance event each obligation is met by, for "no such obligation" messages.
OBLIGATION = {
    CHECK_IN: "reporting obligation",
    HOURS: "community service hours",
    PAYMENT: "payment obligation",
    ATTENDED: "programme to attend",
    DEVICE: "monitoring device",
}


def kind_rules(kind: str) -> KindRules:
    try:
        return KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown kind of measure {kind!r}; known: {sorted(KINDS)}") from None


def reports(kind: str, conditions: dict[str, object]) -> bool:
    """Whether the measure obliges the person to check in (probation only with an interval)."""
    if kind == "probation":
        return bool(conditions.get("interval_days"))
    return CHECK_IN in kind_rules(kind).accepts
