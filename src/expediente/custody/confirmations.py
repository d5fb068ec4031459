"""The warnings a caller of ``event_record`` read and confirmed before recording.

Some entries are real orders the docket records, but only once the court has seen what
they do (a real order is not refused; it is not recorded unawares either). The staff
form shows a warning and a box to tick; the API and the importer take the names of the
warnings read in the body's ``confirm``. Each caller records inside ``confirmed(...)``
with those names, and the custody projector's check (inside ``event_record``, after the
request's replay and the payload's validation) refuses such an entry on field
``confirm`` unless its name is among them:

- ``extension_past_limit``: an extension past the number its term admits
  (``custody/extension_limit.py``; Colombia, Ley 906 art. 307 par. 1);
- ``order_past_maximum``: a detention order or extension whose stated term goes past
  the legal maximum (``custody/foresight.py``; Costa Rica, CPP art. 257).

And one the court's record form alone asks (``petitions/repeats.py``): ``petition_repeated``,
a petition the same as one still awaiting the court's answer, recorded as a filing of
its own (another relative brought the same letter).

A name that is not needed changes nothing. A name that was needed is kept on the entry:
each check asks ``is_confirmed`` only once it has found that its warning applies, and
``event_record`` runs the checks inside ``needed()``, which gathers the names so asked
and answered yes; it stores them, sorted, on the entry it appends
(``Event.confirmed``, covered by its hash): who recorded it knowingly went past the
rule, and the staff timeline and the API say so. A follow-up entry gathers its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

EXTENSION_PAST_LIMIT = "extension_past_limit"
ORDER_PAST_MAXIMUM = "order_past_maximum"
PETITION_REPEATED = "petition_repeated"  # the court's form only: not in ``NAMES``
# every name the write path asks of any caller (the API's ``EventIn.confirm`` takes these
# and ``PETITION_REPEATED``, which changes nothing there: an event's ``confirmed`` read from
# the API can be sent back as it is)
NAMES = (EXTENSION_PAST_LIMIT, ORDER_PAST_MAXIMUM)

_CONFIRMED: ContextVar[frozenset[str]] = ContextVar("expediente_confirmed", default=frozenset())
# the names the entry being recorded needed and had confirmed (``needed``); None outside
_NEEDED: ContextVar[set[str] | None] = ContextVar("expediente_confirmed_needed", default=None)


@contextmanager
def confirmed(warnings: Iterable[str]) -> Iterator[None]:
    """Record inside this block with ``warnings`` read and confirmed by the caller."""
    token = _CONFIRMED.set(frozenset(warnings))
    try:
        yield
    finally:
        _CONFIRMED.reset(token)


def is_confirmed(name: str) -> bool:
    """Whether the caller recording now read and confirmed the warning ``name``. A check
    asks only once its warning applies to the entry: inside ``needed()`` a yes is kept
    as a confirmation the entry needed."""
    yes = name in _CONFIRMED.get()
    kept = _NEEDED.get()
    if yes and kept is not None:
        kept.add(name)
    return yes


@contextmanager
def needed() -> Iterator[set[str]]:
    """Run one entry's checks inside this block: the set it gives holds, once they ran,
    the names they found needed and confirmed (``event_record`` stores them)."""
    kept: set[str] = set()
    token = _NEEDED.set(kept)
    try:
        yield kept
    finally:
        _NEEDED.reset(token)
