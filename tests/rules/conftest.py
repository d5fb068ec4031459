"""A small pack written into tmp_path, and helpers to load it or run `rules check` on it.

MINI is a complete, valid pack that extends nothing; each test breaks one thing in it
with ``str.replace`` so the failure it expects has exactly one cause.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

MINI = textwrap.dedent(
    """\
    pack: mini
    version: "1"
    name: {en: Mini court, es: Juzgado mini}
    procedures: [adult, juvenile]
    roles:
      accused: {en: Accused}
      prosecutor: {en: Prosecutor}
    initial_stage: open
    stages:
      - id: open
        label: {en: Open, es: Abierto}
        explain: {en: The case is being investigated.}
      - id: trial
        label: {en: Trial}
      - id: done
        label: {en: Done}
        terminal: true
    event_types:
      case.opened:
        core: true
        label: {en: Case opened}
      custody.arrested:
        label: {en: Arrest}
        stages: [open, trial]
        fields:
          person: {type: participant, role: [accused], required: true}
          place: {type: text, max_length: 20}
      note.added:
        label: {en: Note}
        fields:
          text: {type: long_text, required: true}
      trial.committed:
        label: {en: Committed for trial}
        stages: [open]
        to_stage: trial
      guardian.heard:
        label: {en: Guardian heard}
        procedures: [juvenile]
        stages: [open, trial]
      case.finished:
        label: {en: Finished}
        stages: [open, trial]
        to_stage: done
      case.reopened:
        label: {en: Reopened}
        stages: [done]
        to_stage: open
    deadlines:
      - id: mini.presentation
        starts: custody.arrested
        duration: {hours: 24}
        counting: continuous
        satisfied_by: [case.finished]
        effect: alert
        alert: {who: [prosecutor], before: [{hours: 6}]}
        law: {text: Mini constitution, article: "1", flag: V}
    offences:
      - {code: X-1, label: {en: Theft}, iccs: "0502", law: {text: Code, article: "1", flag: U}}
      - {code: X-2, label: {en: Robbery}, iccs: "0401", law: {text: Code, article: "2", flag: P}}
    """
)


def edit(old: str, new: str, text: str = MINI) -> str:
    """MINI with one change; fails loudly if the text to change is not there."""
    assert text.count(old) == 1, f"{old!r} must occur exactly once in the pack"
    return text.replace(old, new)


@pytest.fixture
def write_pack(tmp_path: Path) -> Callable[..., Path]:
    def write(text: str, name: str = "mini") -> Path:
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


class Checked:
    def __init__(self, stdout: str, stderr: str, error: CommandError | None) -> None:
        self.stdout = stdout
        self.stderr = stderr
        self.error = error


@pytest.fixture
def rules_check() -> Callable[..., Checked]:
    """Run `expediente rules check PATH…`; return what it printed and the error it raised."""

    def run(*paths: Path | str) -> Checked:
        out, err = io.StringIO(), io.StringIO()
        error = None
        try:
            call_command("rules", "check", *map(str, paths), stdout=out, stderr=err)
        except CommandError as exc:
            error = exc
        return Checked(out.getvalue(), err.getvalue(), error)

    return run


# what `rules check` says of where a problem is, besides its path: the line, and the id
# or code of each list item (``deadlines[0] (id mini.presentation).law``)
_LINE = re.compile(r"^(?P<file>[^\n]*?: )line [0-9]+: ", re.MULTILINE)
_ITEM = re.compile(r"(\[[0-9]+\]) \((?:id|code) [^()\s]+\)")


def without_lines_and_ids(stderr: str) -> str:
    """``stderr`` as `rules check` wrote it, each problem's line and each item's id or
    code left out: for the tests of the rule broken (where it is said is
    test_a_problem_is_said_where_it_is_written.py's)."""
    return _ITEM.sub(r"\1", _LINE.sub(r"\g<file>", stderr))


@pytest.fixture
def refused(write_pack: Callable[..., Path], rules_check: Callable[..., Checked]):
    """Write a pack, run `rules check` on it, insist that it failed; return (path, stderr),
    stderr ``without_lines_and_ids``."""

    def check(text: str, name: str = "mini") -> tuple[Path, str]:
        path = write_pack(text, name)
        result = rules_check(path)
        assert result.error is not None, f"expected {path.name} to be refused:\n{result.stdout}"
        assert result.error.returncode == 1
        assert "ok:" not in result.stdout
        return path, without_lines_and_ids(result.stderr)

    return check


PAYLOADS = textwrap.dedent(
    """\
    pack: payloadcheck
    version: "1"
    name: {en: Payload check}
    roles:
      accused: {en: Accused}
    initial_stage: open
    stages:
      - id: open
        label: {en: Open}
    event_types:
      hearing.held:
        label: {en: Hearing held}
        fields:
          hearing: {type: text, max_length: 10, required: true}
          summary: {type: long_text}
          minutes: {type: int, min: 0, max: 600}
          count: {type: int}
          held_at: {type: datetime, not_future: true}
          next_at: {type: datetime}
          decided_on: {type: date, not_future: true}
          kind: {type: choice, options: [trial, review]}
          person: {type: participant, role: [accused]}
          public: {type: bool}
    """
)


@pytest.fixture
def payload_pack(tmp_path: Path, settings):
    """PAYLOADS, installed as a pack the system can find by its id."""
    from expediente.rules.loader import load_pack
    from expediente.rules.payloads import clear_payload_models

    directory = tmp_path / "packs"
    directory.mkdir()
    (directory / "payloadcheck.yaml").write_text(PAYLOADS, encoding="utf-8")
    settings.EXPEDIENTE_RULE_PACK_DIRS = [directory]
    load_pack.cache_clear()
    clear_payload_models()
    yield load_pack("payloadcheck")
    load_pack.cache_clear()
    clear_payload_models()
