"""``plain(lang)`` is what the person held and their family read: the date first, in
the pack's words for what it means, then what it counts from and what moved it, and,
where a limit could not be worked out, what that means for them; never the legal
source, which their page cites once. The texts of each shipped rule are pinned in the
packs' worked examples (``packs/examples``); here, what holds for every rule."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from expediente.rules.deadlines import Fact, event_labels
from expediente.rules.loader import load_pack
from tests.rules.deadlines.helpers import cr_at, cr_rule, make_rule, only, run

LABELS = event_labels(load_pack("cr"))


def _maximum(*more: Fact):
    return only(
        run(
            cr_rule("cr.pretrial_maximum"),
            Fact(1, "custody.pretrial_ordered", cr_at(2026, 1, 15, 10)),
            *more,
        )
    )


def test_the_date_comes_first_and_the_law_is_left_to_the_page():
    d = _maximum()
    plain = d.plain("es", LABELS)
    assert plain[0] == "La prisión preventiva no puede pasar del 15 de enero de 2027."
    assert not any("Código Procesal Penal" in s or "257" in s for s in plain)
    assert "Código Procesal Penal (Ley 7594) art. 257(b)(c), 258" in d.explain("es", LABELS)


@pytest.mark.parametrize(
    ("lang", "advice"),
    [
        ("es", "Pregunte a la oficina del tribunal."),
        ("en", "Ask the court office."),
        ("pt", "Pergunte à secretaria do tribunal."),
        ("fr", "Renseignez-vous auprès du greffe."),
    ],
)
def test_a_penalty_limit_not_worked_out_says_the_date_may_be_earlier(lang, advice):
    plain = _maximum().plain(lang, LABELS)
    assert plain[-1].endswith(advice)
    assert not any("(su mínimo)" in s or "its lower bound" in s for s in plain)


def test_no_advice_once_the_deadline_is_met():
    d = _maximum(Fact(2, "verdict.delivered", cr_at(2026, 10, 1, 11)))
    assert d.plain("en", LABELS)[-1] == "Met by “Verdict delivered” on 1 October 2026."
    assert not any("may be earlier" in s for s in d.plain("en", LABELS))
    # the staff's full working still says the limit was not computed
    assert "is not computed: no penalty is known" in d.explain("en", LABELS)


def test_a_rule_without_plain_words_opens_with_its_label_and_date():
    rule = make_rule(label={"es": "Plazo de prueba", "en": "Test term"})
    d = only(run(rule, Fact(1, "custody.arrested", cr_at(2026, 3, 2, 9))))
    assert d.plain("es")[0] == "Plazo de prueba: 12 de marzo de 2026."
    assert d.plain("fr")[0] == "Test term\u00a0: 12 mars 2026."  # the label's English, French words


def test_other_languages_get_the_whole_in_english():
    d = _maximum()
    for other in ("de", "", "xx-yy"):
        assert d.plain(other, LABELS) == d.plain("en", LABELS), other


@pytest.mark.parametrize(
    "text",
    ["La detención no puede pasar de esa fecha.", "Hasta el {when} y el {when}.", "{day}: {when}"],
)
def test_plain_words_must_say_where_the_date_goes_once(text):
    with pytest.raises(ValidationError, match=r"plain\.es: write \{when\} once"):
        make_rule(plain={"es": text})


def test_plain_words_put_a_moment_with_its_time():
    d = only(
        run(
            cr_rule("cr.presentation_to_judge"),
            Fact(1, "custody.arrested", cr_at(2026, 3, 14, 23, 30)),
        )
    )
    assert d.plain("en", LABELS)[0] == (
        "The person held must be placed before a judge by 15 March 2026 at 23:30."
    )
