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

A name that is not needed changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

EXTENSION_PAST_LIMIT = "extension_past_limit"
ORDER_PAST_MAXIMUM = "order_past_maximum"
PETITION_REPEATED = "petition_repeated"  # the court's form only: not in ``NAMES``
# every name a caller may confirm (the API's ``EventIn.confirm`` lists the same)
NAMES = (EXTENSION_PAST_LIMIT, ORDER_PAST_MAXIMUM)

_CONFIRMED: ContextVar[frozenset[str]] = ContextVar("expediente_confirmed", default=frozenset())


@contextmanager
def confirmed(warnings: Iterable[str]) -> Iterator[None]:
    """Record inside this block with ``warnings`` read and confirmed by the caller."""
    token = _CONFIRMED.set(frozenset(warnings))
    try:
        yield
    finally:
        _CONFIRMED.reset(token)


def is_confirmed(name: str) -> bool:
    """Whether the caller recording now read and confirmed the warning ``name``."""
    return name in _CONFIRMED.get()
