"""The release the court owes once it ended the ground for holding someone
(``intl.release_on_order_end``) is due 24 hours later: the court's service target (the
law's flag ``policy``), not a legal limit. The family's detention panel cites where the
law says what its dates say; the treaties cited for this one give no number of hours,
so the citation must say, in the reader's language, that the date is the court's target
and not a legal limit, as the staff pages do. A limit set by law (the review, the
maximum) is cited without it."""

from __future__ import annotations

import re

from django.test import Client

from tests.conftest import order_term
from tests.portal.conftest import days_ago, make_clerk, make_issuer, text_of

TREATIES = {
    "en": "International Covenant on Civil and Political Rights art. 9(1)",
    "es": "Pacto Internacional de Derechos Civiles y Políticos art. 9(1)",
}
TARGET = {
    "en": "court's service target, not a legal limit",
    "es": "meta de servicio del despacho, no es un plazo legal",
}


def sources(case, issue, language: str) -> list[str]:
    """The family's "where the law says this" line, one text per source."""
    code = issue(case, "P1", language=language)
    family = Client(HTTP_ACCEPT_LANGUAGE=language)
    assert family.post("/follow/", {"case_number": case.nuid, "code": code}).status_code == 302
    body = family.get("/follow/case/").content.decode()
    found = re.search(r'<p class="hint law">(.*?)</p>', body, re.S)
    assert found, "the panel cites its sources"
    line = text_of(found.group(1))
    return line.split(":", 1)[1].split(" · ")


def test_the_release_target_is_cited_as_the_courts_target_and_the_review_as_law(
    accused_case, record, court
):
    p1 = {"person": "P1"}
    issue = make_issuer(make_clerk(court))
    record(accused_case, "custody.arrested", p1, occurred_at=days_ago(25, 8))
    record(
        accused_case,
        "custody.pretrial_ordered",
        {**p1, "until": order_term().isoformat(), "grounds": "Peligro de fuga"},
        occurred_at=days_ago(24),
    )
    # under the order: the review and the maximum, limits set by law, cited as such
    held = sources(accused_case, issue, "en")
    assert held
    assert all(TARGET["en"] not in s for s in held)
    record(accused_case, "custody.pretrial_lifted", p1, occurred_at=days_ago(3))
    for language in ("en", "es"):
        [treaties] = sources(accused_case, issue, language)
        assert TREATIES[language] in treaties
        assert TARGET[language] in treaties
