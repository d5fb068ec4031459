"""What a verdict's outcome means, in one place.

The outcomes themselves are the rule pack's (``verdict.delivered``'s ``outcome`` choice in
``rules/packs/intl.yaml``); these are the ones that convict. The case status the public
sees, the presumption of innocence on the public page, the detention clock (a conviction
turns pretrial detention into a sentence under appeal) and the statistics all ask this
question and must agree on the answer.
"""

from __future__ import annotations

from collections.abc import Mapping

VERDICT = "verdict.delivered"
CONVICTIONS: tuple[str, ...] = ("convicted", "partly_convicted")
# An appeal decided with one of these outcomes changed the verdict without saying for
# whom or which way (``appeal.decided`` in intl.yaml): the appeal court's own verdict is
# then recorded as a verdict of its own, one per accused
# (``docket/services/verdict_history.py``).
APPEAL_DECIDED = "appeal.decided"
CHANGES_VERDICT: tuple[str, ...] = ("overturned", "modified")


def changes_verdict(type_name: str, payload: object) -> bool:
    """Is this entry an appeal decided in a way that changed the verdict?"""
    return (
        type_name == APPEAL_DECIDED
        and isinstance(payload, Mapping)
        and payload.get("outcome") in CHANGES_VERDICT
    )


def convicts(outcome: object) -> bool:
    """Does a verdict with this ``outcome`` convict (of all charges or some)?"""
    return outcome in CONVICTIONS


def sql_convicts(column: str = "outcome") -> str:
    """The same test as SQL over a text ``column`` (literals from ``CONVICTIONS`` only)."""
    return f"{column} IN ({', '.join(repr(o) for o in CONVICTIONS)})"
