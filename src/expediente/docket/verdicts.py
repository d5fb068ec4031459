"""What a verdict's outcome means, in one place.

The outcomes themselves are the rule pack's (``verdict.delivered``'s ``outcome`` choice in
``rules/packs/intl.yaml``); these are the ones that convict. The case status the public
sees, the presumption of innocence on the public page, the detention clock (a conviction
turns pretrial detention into a sentence under appeal) and the statistics all ask this
question and must agree on the answer.
"""

from __future__ import annotations

VERDICT = "verdict.delivered"
CONVICTIONS: tuple[str, ...] = ("convicted", "partly_convicted")


def convicts(outcome: object) -> bool:
    """Does a verdict with this ``outcome`` convict (of all charges or some)?"""
    return outcome in CONVICTIONS


def sql_convicts(column: str = "outcome") -> str:
    """The same test as SQL over a text ``column`` (literals from ``CONVICTIONS`` only)."""
    return f"{column} IN ({', '.join(repr(o) for o in CONVICTIONS)})"
