"""Who handed a petition in, as the protected ``received_from`` field of its filing
says it. A clerk types it (a detained person's mother, the prison's office); an account
filing from /my/ for a client writes it itself as ``name · user name · participant``
(``portal.counsel_petitions.handed_in_by``), which its receipt compares to know that
this account sent the text. Staff read it as the name and role of the participation
the account acts through, not as the account's user name and the participant's id."""

from __future__ import annotations

import re

SEP = " · "
MAX = 200
PARTICIPANT = re.compile(r"P[0-9]+")


def by_account(*, name: str, username: str, participant: str) -> str:
    """The field's value for an account (``name``: the account's full name, or its
    user name) acting through ``participant`` of the case."""
    return f"{name}{SEP}{username}{SEP}{participant}"[:MAX]


def account_participant(value: str) -> str | None:
    """The participant an account acted through, if ``value`` is an account's (else
    None: a clerk's words)."""
    parts = value.split(SEP)
    if len(parts) == 3 and PARTICIPANT.fullmatch(parts[2]):
        return parts[2]
    return None
