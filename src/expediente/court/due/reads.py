"""The reads of a staff list of people in cases (the due list, the supervision list, the
reporting desk): every case on the page through ``disclosure.disclose_many`` in one call,
so a case the rules hide from the reader is left off, each person is named as the rules
say, and the page's reads are written to the access log in one INSERT."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from expediente.access.disclosure import (
    CaseView,
    audiences_by_court,
    disclose_many,
    name_classes,
)
from expediente.access.policy import Actor


def page_views(
    actor: Actor, people: Sequence[tuple[Any, Any]], *, also: tuple[str, ...] = ()
) -> dict[int, CaseView]:
    """Each case of ``people`` ((case, participation) pairs, the case with its court
    loaded) as ``actor`` may see it. The names of those people are what is logged as read,
    with the classes ``also`` (``identifiers`` where the page shows identity documents).
    One INSERT in the access log for the page; no query per case."""
    cases = list({case.pk: case for case, _p in people}.values())
    shows = (*name_classes(p for _c, p in people), *also)
    return disclose_many(audiences_by_court(actor), cases, channel="web", shows=shows, narrow=True)


def seen_by(views: dict[int, CaseView], case: Any, participation: Any) -> str | None:
    """The person's name as the page's reader may see it; None if the case is hidden."""
    view = views.get(case.pk)
    if view is None or not view.visible:
        return None
    return view.name(participation)


def with_case_court(measures: Sequence[Any]) -> None:
    """Give each measure's or petition's case its court (its own, already loaded), so that
    ``page_views`` reads no court per case."""
    for m in measures:
        if m.case.court_id == m.court_id:
            m.case.court = m.court
