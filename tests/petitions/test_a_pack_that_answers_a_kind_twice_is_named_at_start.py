"""A court's own pack written before intl 2026.12 redefined ``intl.petition_answer`` for
every kind of petition; now that each kind has its own rule, every petition under it
would get two answer deadlines. The system check names the pack, the kinds and the
rules when a command starts; the shipped packs give each kind one."""

from __future__ import annotations

import textwrap

from expediente.petitions.checks import answer_rules_check
from expediente.rules.loader import load_pack

OLD_STYLE = textwrap.dedent(
    """\
    pack: oldcourt
    version: '1'
    extends: intl
    name: {en: A court's pack from before 2026.12}
    deadlines:
      - id: intl.petition_answer
        label: {es: Respuesta, en: Answer, pt: Resposta, fr: Réponse}
        starts: petition.filed
        each: {subject: petitioner, answers: petition}
        duration: {hours: 72}
        counting: continuous
        satisfied_by: [petition.decided]
        effect: alert
        alert: {who: [judge], before: [{hours: 24}]}
        law:
          text: the court's own rule
          article: "-"
          flag: policy
    """
)


def test_the_shipped_packs_pass(db):  # type: ignore[no-untyped-def]
    assert answer_rules_check() == []


def test_an_old_style_pack_is_named_with_its_kinds_and_rules(settings, tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "oldcourt.yaml").write_text(OLD_STYLE, encoding="utf-8")
    settings.EXPEDIENTE_RULE_PACK_DIRS = [tmp_path]
    load_pack.cache_clear()
    try:
        found = answer_rules_check()
    finally:
        load_pack.cache_clear()
    assert {m.id for m in found} == {"petitions.W001"}
    said = [m.msg for m in found]
    assert all(m.startswith("rule pack oldcourt: ") for m in said), said
    protection = next(m for m in said if "kind protective_measure" in m)
    assert "intl.petition_answer, intl.petition_answer.protection" in protection
    # the review of detention is the rule's own kind: one deadline, nothing to say
    assert not any("kind detention_review" in m for m in said)
