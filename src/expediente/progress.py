"""Progress lines for long commands: ``  1,200 / 5,000 cases (24%)`` on one line, to stderr."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable


def reporter(noun: str, *, stream=None, every: float = 0.5) -> Callable[[int, int], None]:  # type: ignore[no-untyped-def]
    out = stream or sys.stderr
    last = [0.0]
    tty = out.isatty()

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - last[0] < every:
            return
        last[0] = now
        pct = f" ({100 * done // total}%)" if total else ""
        line = f"  {done:,} / {total:,} {noun}{pct}"
        if tty:
            out.write("\r" + line + ("\n" if done >= total else ""))
        else:
            out.write(line + "\n")
        out.flush()

    return report
