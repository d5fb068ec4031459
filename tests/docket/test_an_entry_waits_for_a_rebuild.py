"""A rebuild (or its check) replays every entry and writes every projection in one
transaction. An entry recorded while it ran was committed beside it: the rebuild then
wrote back the case's head as it had read it, so the next entry took a number already
used, and a check compared the state before that entry with a replay that saw it, a
difference on a healthy docket. Now every append waits for the rebuild, then is
recorded after it, whole."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from expediente.docket.models import Case
from expediente.docket.rebuild import rebuild
from expediente.integrity.verify import verify_cases
from tests.conftest import NOW

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("check", [False, True], ids=["rebuild", "check"])
@pytest.mark.parametrize("entry", ["note.added", "custody.arrested"])
def test_an_entry_sent_during_a_rebuild_waits_and_keeps_the_chain(
    accused_case, record, check, entry
):
    payloads = {"note.added": {"text": "Escrito."}, "custody.arrested": {"person": "P1"}}
    seen: dict[str, Any] = {}

    def append() -> None:
        try:
            case = Case.objects.get(pk=accused_case.pk)
            seen["entry"] = record(case, entry, payloads[entry], occurred_at=NOW).event
        except BaseException as exc:
            seen["failure"] = exc
        finally:
            connection.close()

    writer = threading.Thread(target=append)

    def progress(done: int, total: int) -> None:
        # the replay has read every entry and not yet written the cases back
        if done == total and not writer.is_alive() and "entry" not in seen:
            writer.start()
            writer.join(timeout=1.5)
            seen["recorded during the rebuild"] = not writer.is_alive()

    result = rebuild(check=check, progress=progress)
    writer.join(timeout=15)
    assert seen.get("failure") is None
    assert seen["recorded during the rebuild"] is False
    assert result.differences == []
    recorded = seen["entry"]
    stored = Case.objects.get(pk=accused_case.pk)
    assert (stored.last_seq, stored.head_hash) == (recorded.seq, recorded.hash)
    assert recorded.seq == 5
    assert rebuild(check=True).differences == []
    assert verify_cases() == []
