"""A detained man's mother opens the detention panel: each deadline opens with its date
in plain words ("La prisión preventiva no puede pasar del …"), then why, in short
sentences; the law is cited once, below them all. Before, each deadline read "label —
citation. label vence el …: citation, …; el límite de la pena posible (su mínimo) no se
calculó: no se conoce la pena.": the code's name six times, the date twice and a
sentence that told her nothing she could act on."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from expediente.custody.models import Deadline
from expediente.rules.deadline_text import Text
from tests.conftest import order_term
from tests.portal.conftest import text_of

CODE = "Código Procesal Penal (Ley 7594)"


def panel(case, code: str, language: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    assert client.post("/follow/", {"case_number": case.nuid, "code": code}).status_code == 302
    body = client.get("/follow/case/").content.decode()
    found = re.search(
        r'<section class="panel" aria-labelledby="clock-1">(.*?)</section>', body, re.S
    )
    assert found, "the detention panel is on the page"
    return found.group(1)


def headings(section: str) -> list[str]:
    return [text_of(h) for h in re.findall(r'<p class="review"><strong>(.*?)</strong>', section)]


@pytest.mark.parametrize(
    ("language", "first_words", "advice"),
    [
        (
            "es",
            (
                "El tribunal debe revisar la prisión preventiva a más tardar el ",
                "La prisión preventiva no puede pasar del ",
                "La orden de prisión preventiva fija su vencimiento el 31 de diciembre de {year}.",
            ),
            "Pregunte a la oficina del tribunal.",
        ),
        (
            "en",
            (
                "The court must review the pretrial detention by ",
                "Pretrial detention may not go beyond ",
                "The detention order states that it expires on 31 December {year}.",
            ),
            "Ask the court office.",
        ),
    ],
)
def test_each_deadline_opens_with_its_date_and_the_law_is_cited_once(
    detained_case, issue, language, first_words, advice
):
    section = panel(detained_case, issue(detained_case, "P1"), language)
    text = text_of(section)
    rows = {d.rule_id: d for d in Deadline.objects.filter(case=detained_case, open=True)}
    heads = headings(section)
    assert len(heads) == 3
    for head, words in zip(heads, first_words, strict=True):
        assert head.startswith(words.format(year=order_term().year)), head
    review, maximum = rows["cr.pretrial_review"], rows["cr.pretrial_maximum"]
    said = Text(language, {}, moments=False, tz=None).day  # the engine's own words for a day
    assert heads[0] == f"{first_words[0]}{said(review.due_on)}."
    # soonest first: the maximum (a year) before the order's own last day (order_term)
    assert heads[1] == f"{first_words[1]}{said(maximum.due_on)}."
    # the law once, after the deadlines, every article under the code's one name
    assert text.count(CODE) == 1
    assert text.index(CODE) > text.index(heads[2])
    assert f"{CODE} art. 253; art. 243(e); art. 257(b)(c), 258" in text
    # the penalty limit that could not be worked out, as what it means for her
    assert advice in text
    for jargon in ("no se conoce la pena", "su mínimo", "no penalty is known", "lower bound"):
        assert jargon not in text


def test_a_row_computed_before_the_plain_words_still_reads_in_full(detained_case, issue):
    """After an upgrade and before `expediente rebuild`, a stored deadline has no plain
    words: the panel shows its full sentence under the page's own heading."""
    Deadline.objects.filter(case=detained_case).update(plain={})
    text = text_of(panel(detained_case, issue(detained_case, "P1"), "en"))
    assert "The judge must review the detention by" in text
    assert "Review of pretrial detention due " in text
