"""``explain(lang)`` gives one sentence: what is due when, the law, and what it counts
from, plus what moved, capped or met it. Spanish and English here; Portuguese and French
in ``test_deadlines_explain_themselves_in_portuguese_and_french.py``; any other language
gets the whole sentence in English."""

from __future__ import annotations

import datetime as dt

from expediente.rules.deadlines import Fact, event_labels
from expediente.rules.loader import load_pack
from expediente.rules.schema import Duration
from tests.rules.deadlines.helpers import cr_at, cr_rule, make_rule, only, run

LABELS = event_labels(load_pack("cr"))


def test_a_pending_review_in_both_languages():
    d = only(
        run(
            cr_rule("cr.pretrial_review"),
            Fact(1, "custody.pretrial_ordered", cr_at(2026, 12, 14, 9)),
        )
    )
    assert d.explain("en", LABELS) == (
        "Review of pretrial detention due 14 March 2027: Código Procesal Penal (Ley 7594) "
        "art. 253, 3 months from “Pretrial detention ordered” on 14 December 2026."
    )
    assert d.explain("es", LABELS) == (
        "Revisión de la prisión preventiva vence el 14 de marzo de 2027: Código Procesal Penal "
        "(Ley 7594) art. 253, 3 meses desde «Prisión preventiva ordenada» del 14 de diciembre "
        "de 2026."
    )


def test_other_languages_fall_back_to_english():
    d = only(
        run(
            cr_rule("cr.pretrial_review"),
            Fact(1, "custody.pretrial_ordered", cr_at(2026, 12, 14, 9)),
        )
    )
    for other in ("de", "it", "nl", "", "xx-yy"):
        assert d.explain(other, LABELS) == d.explain("en", LABELS), other


def test_without_labels_events_are_named_by_their_type():
    d = only(
        run(
            cr_rule("cr.presentation_to_judge"),
            Fact(1, "custody.arrested", cr_at(2026, 3, 14, 23, 30)),
        )
    )
    assert "24 hours from “custody.arrested” on 14 March 2026 at 23:30" in d.explain("en")


def test_a_rule_partly_checked_says_its_source_is_to_be_confirmed():
    rule = make_rule(law={"text": "Some convention", "article": "9", "flag": "P"})
    d = only(run(rule, Fact(1, "custody.arrested", cr_at(2026, 3, 2, 9))))
    assert "Some convention art. 9 (source to be confirmed)" in d.explain("en")
    assert "Some convention art. 9 (fuente por confirmar)" in d.explain("es")


def test_a_rule_without_a_label_is_named_by_its_id():
    d = only(run(make_rule(), Fact(1, "custody.arrested", cr_at(2026, 3, 2, 9))))
    assert d.explain("en").startswith("test.rule due 12 March 2026: Test law art. 1, 10 days from")


def test_time_not_counted_and_added_time_are_told():
    rule = make_rule(
        duration={"working_days": 5},
        counting="working",
        extended_by=["custody.pretrial_extended"],
        suspended_by=["hearing.not_held"],
        resumed_by=["hearing.held"],
    )
    d = only(
        run(
            rule,
            Fact(1, "custody.arrested", cr_at(2026, 3, 2, 9)),
            Fact(2, "hearing.not_held", cr_at(2026, 3, 3, 9)),
            Fact(3, "hearing.held", cr_at(2026, 3, 5, 9)),
            Fact(
                4, "custody.pretrial_extended", cr_at(2026, 3, 6, 9), adds=Duration(working_days=1)
            ),
        )
    )
    assert d.due_on == dt.date(2026, 3, 12)  # 5 working days (9 March) + 2 lost + 1 added
    assert d.explain("en", LABELS) == (
        "test.rule due 12 March 2026: Test law art. 1, 5 working days from “Arrest” on "
        "2 March 2026; extended by 1 working day by “Pretrial detention extended” on "
        "6 March 2026; time not counted from 3 March 2026 to 5 March 2026."
    )
    assert d.explain("es", LABELS) == (
        "test.rule vence el 12 de marzo de 2026: Test law art. 1, 5 días hábiles desde "
        "«Aprehensión» del 2 de marzo de 2026; prorrogado 1 día hábil por «Prisión preventiva "
        "prorrogada» del 6 de marzo de 2026; no cuenta el tiempo del 3 de marzo de 2026 al "
        "5 de marzo de 2026."
    )
