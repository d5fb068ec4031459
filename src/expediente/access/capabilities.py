"""Named capabilities, defined once. Every view, API route and command asks for one."""

from __future__ import annotations

from enum import StrEnum


class Capability(StrEnum):
    CASE_VIEW = "case.view"
    CASE_OPEN = "case.open"
    EVENT_RECORD = "event.record"
    EVENT_CORRECT = "event.correct"
    HEARING_SCHEDULE = "hearing.schedule"
    CALENDAR_VIEW = "calendar.view"
    COURT_LIST = "court.list"
    CODES_ISSUE = "codes.issue"  # issue, rotate and revoke participants' portal codes
    # record (and correct) sealing, unsealing and expunction orders: who may take a case out
    # of every view outside the court, or put it back
    CASE_SEAL = "case.seal"
    # a monitoring provider reports device events of the measures it monitors (api/measures.py)
    MEASURE_DEVICE_REPORT = "measure.device_report"
    # the portal's account files a detention petition (habeas corpus, a review) in a
    # sealed case, for someone held there (access/detention_part.py, access/policy.py)
    DETENTION_PETITION_FILE = "petition.file_detention"
    # compute statistics for any period and any of one's courts (not for publication: the
    # public pages publish only closed years of whole jurisdictions, docs/statistics.md)
    STATS_COMPUTE = "stats.compute"


# API scopes, and the capabilities each one grants.
SCOPES: dict[str, frozenset[Capability]] = {
    # A monitoring company: device events only, nothing else (no reading of cases).
    "measures:device": frozenset({Capability.MEASURE_DEVICE_REPORT}),
    "cases:read": frozenset({Capability.CASE_VIEW, Capability.COURT_LIST}),
    # With cases:write: a court's own system that records the judges' sealing, unsealing
    # and expunction orders. Granted only on purpose: no other scope may record them.
    "cases:seal": frozenset({Capability.CASE_SEAL}),
    # Scheduling is recording hearing events: the API has always let this scope do it.
    "cases:write": frozenset(
        {
            Capability.CASE_OPEN,
            Capability.EVENT_RECORD,
            # narrower than EVENT_RECORD; passes a sealed case only for the portal's own
            # account (access/policy.py: ``_files_detention_petition``)
            Capability.DETENTION_PETITION_FILE,
            Capability.EVENT_CORRECT,
            Capability.HEARING_SCHEDULE,
        }
    ),
}


def scopes_granting(capability: Capability) -> list[str]:
    """The API scopes that grant ``capability``, for a refusal to name what to ask for."""
    return sorted(scope for scope, granted in SCOPES.items() if capability in granted)


# Staff roles in a court, and the capabilities each one grants in that court.
ROLES: dict[str, frozenset[Capability]] = {
    "clerk": frozenset(
        {
            Capability.CASE_VIEW,
            Capability.CASE_OPEN,
            Capability.EVENT_RECORD,
            Capability.EVENT_CORRECT,
            Capability.HEARING_SCHEDULE,
            Capability.CALENDAR_VIEW,
            Capability.COURT_LIST,
            Capability.CODES_ISSUE,
            Capability.CASE_SEAL,  # the clerk records the judge's order
            Capability.STATS_COMPUTE,
        }
    ),
    "judge": frozenset(
        {
            Capability.CASE_VIEW,
            Capability.EVENT_RECORD,
            Capability.EVENT_CORRECT,
            Capability.HEARING_SCHEDULE,
            Capability.CALENDAR_VIEW,
            Capability.COURT_LIST,
            Capability.CODES_ISSUE,
            Capability.CASE_SEAL,
            Capability.STATS_COMPUTE,
        }
    ),
    "court_admin": frozenset({Capability.CALENDAR_VIEW, Capability.COURT_LIST}),
}

# Who may see a sealed case at all (the privacy issue builds on this).
SEALED_ROLES = frozenset({"judge"})
