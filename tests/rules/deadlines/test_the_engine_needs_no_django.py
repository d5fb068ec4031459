"""The deadline engine is pure: importing it (and the calendar and text modules) loads
no Django, so it runs offline, in a worker, or in another court's tools."""

from __future__ import annotations

import os
import subprocess
import sys


def test_importing_the_engine_loads_no_django():
    code = (
        "import sys\n"
        "import expediente.rules.deadlines, expediente.rules.calendars\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(loaded)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ),
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
