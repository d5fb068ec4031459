"""Public aggregates kept a few minutes in each server process.

The public home page's case counts and the statistics pages' releases are the same for
every visitor, and at a court's scale each costs a scan (the statistics' full release
about a second at 100,000 cases and seconds at a million, ``docs/statistics.md``
"Scale"). Unauthenticated, they would let anyone keep the database busy by reloading a
page. So each server process keeps the last answers it computed for
``EXPEDIENTE_PUBLIC_FIGURES_SECONDS`` (300 by default; 0 computes every time) and the
pages say when their figures were computed. Nothing personal is kept here: only what
those pages publish to everyone.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from django.conf import settings
from django.utils import timezone

T = TypeVar("T")


@dataclass(frozen=True)
class Answer(Generic[T]):
    value: T
    computed_at: dt.datetime  # when it was computed (UTC)


class Recent(Generic[T]):
    """The last ``size`` answers of one kind, each kept for the setting's seconds."""

    _all: ClassVar[list[Recent[object]]] = []

    def __init__(self, size: int = 64, clock: Callable[[], float] = time.monotonic) -> None:
        self.size = size
        self.clock = clock
        self._items: OrderedDict[Hashable, tuple[float, Answer[T]]] = OrderedDict()
        self._lock = threading.Lock()
        Recent._all.append(self)  # type: ignore[arg-type]

    def get(self, key: Hashable, compute: Callable[[], T]) -> Answer[T]:
        """The answer kept under ``key`` if it is recent enough, else ``compute()``'s (kept
        for the next visitors). Two visitors arriving together may both compute it."""
        seconds = settings.EXPEDIENTE_PUBLIC_FIGURES_SECONDS
        now = self.clock()
        with self._lock:
            kept = self._items.get(key)
            if kept is not None and now - kept[0] < seconds:
                return kept[1]
        answer = Answer(compute(), timezone.now())
        if seconds > 0:
            with self._lock:
                self._items[key] = (now, answer)
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return answer

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    @classmethod
    def clear_all(cls) -> None:
        """Forget every kept answer of this process (tests: each starts afresh)."""
        for recent in cls._all:
            recent.clear()
