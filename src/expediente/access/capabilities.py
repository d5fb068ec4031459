"""Named capabilities, defined once. Every view, API route and command asks for one."""

from __future__ import annotations

from enum import StrEnum


class Capability(StrEnum):
    CASE_VIEW = "case.view"
    CASE_OPEN = "case.open"
    EVENT_RECORD = "event.record"
    COURT_LIST = "court.list"


# API scopes, and the capabilities each one grants.
SCOPES: dict[str, frozenset[Capability]] = {
    "cases:read": frozenset({Capability.CASE_VIEW, Capability.COURT_LIST}),
    "cases:write": frozenset({Capability.CASE_OPEN, Capability.EVENT_RECORD}),
}
