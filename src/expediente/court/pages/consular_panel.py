"""The case page's consular notification panel: what the court owes each foreign
national held in the case (custody/consular.py), in the reader's language, with links
to the entries that discharge it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import get_language

from expediente.api.present import localized
from expediente.court.pages import labels
from expediente.custody.consular import ConsularDuty
from expediente.docket.countries import country_name
from expediente.rules.citation import cite_law
from expediente.rules.schema import Pack


@dataclass(frozen=True)
class ConsularLine:
    name: str
    country: str  # the nationality's name in the reader's language ("" if not recorded)
    status: str  # custody.consular.Status
    open: bool
    informed_at: dt.datetime | None
    requested: bool | None
    notified_at: dt.datetime | None
    consular_post: str
    means: str  # the pack's label of how the post was informed
    inform_url: str  # the form recording that the person was told ("" if not offered)
    notify_url: str  # the form recording that the post was informed ("" if not offered)


@dataclass(frozen=True)
class ConsularPanel:
    lines: list[ConsularLine]
    law: str  # the source, cited in the reader's language
    says: str  # the law's own words for the time it allows ("without delay")
    to_confirm: bool

    @property
    def open(self) -> list[ConsularLine]:
        return [line for line in self.lines if line.open]


def consular_panel(
    pack: Pack,
    duties: list[ConsularDuty],
    names: dict[str, str],
    record_url: dict[str, str],
) -> ConsularPanel | None:
    """``record_url``: the form of each entry type the reader may record now."""
    rule = pack.consular_notification
    if rule is None or not duties:
        return None
    lang = get_language() or "en"
    spec = pack.event_types[rule.notified_by].fields.get("means")
    means_labels = spec.option_labels if spec else None
    return ConsularPanel(
        lines=[
            ConsularLine(
                name=names.get(d.participant, d.participant),
                country=country_name(d.nationality, lang) if d.nationality else "",
                status=d.status,
                open=d.open,
                informed_at=d.informed.at if d.informed else None,
                requested=d.informed.requested if d.informed else None,
                notified_at=d.notified.at if d.notified else None,
                consular_post=d.notified.consular_post if d.notified else "",
                means=labels.option_label(d.notified.means, means_labels) if d.notified else "",
                inform_url=_with_person(record_url.get(rule.informed_by, ""), d.participant),
                notify_url=_with_person(record_url.get(rule.notified_by, ""), d.participant),
            )
            for d in duties
        ],
        law=cite_law(rule.law.model_dump(), lang),
        says=localized(rule.law.says) or "",
        to_confirm=rule.law.flag == "P",
    )


def _with_person(url: str, participant: str) -> str:
    return f"{url}?{urlencode({'person': participant})}" if url else ""
