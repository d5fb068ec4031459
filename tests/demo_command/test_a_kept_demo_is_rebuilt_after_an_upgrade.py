"""`make run` after pulling a new version keeps the demo database in var/ and loads no
demo again; what the old version projected (a deadline's explanation in its languages
and wording) is rebuilt from the events once, so the demo shows what this version
shows. With the same code, nothing is rebuilt."""

import io

from django.core.management import call_command

from expediente.custody.models import Deadline
from expediente.demo.models import DemoRun


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_an_upgrade_rebuilds_the_kept_demo_once(db):
    _run("--cases", "20")
    assert "rebuilding" not in _run("--if-empty", "--cases", "20")

    # as an earlier version left it: explanations in Spanish and English only
    deadline = Deadline.objects.exclude(explanation={}).first()
    assert deadline is not None
    current = dict(deadline.explanation)
    Deadline.objects.filter(pk=deadline.pk).update(
        explanation={k: v for k, v in current.items() if k in ("es", "en")}
    )
    DemoRun.objects.update(built_with="an earlier version")

    printed = _run("--if-empty", "--cases", "20")
    assert "The demo caseload is already loaded." in printed
    assert "rebuilding them from the events" in printed
    assert Deadline.objects.get(key=deadline.key).explanation == current
    assert "rebuilding" not in _run("--if-empty", "--cases", "20")
