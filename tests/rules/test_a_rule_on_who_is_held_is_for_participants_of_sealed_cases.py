"""A disclosure rule may look at whether someone the reader speaks for is held
(``when.held``, read by ``access/detention_part.py``) only for participants and only in
sealed cases: a pack that asks it of the public, or of every case, is refused naming the
rule and what to change."""

from tests.rules.conftest import MINI

RULE = """
disclosure:
  kept:
    to: [{to}]
    when: {{{when}}}
    show: {{case: true, part: detention}}
    source: test
"""


def test_the_rule_as_shipped_is_accepted(write_pack, rules_check):
    text = MINI + RULE.format(
        to='"participant:accused"', when="confidentiality: [sealed], held: true"
    )
    assert rules_check(write_pack(text)).error is None


def test_a_rule_on_who_is_held_for_the_public_is_refused(refused):
    text = MINI + RULE.format(to="public", when="confidentiality: [sealed], held: true")
    _path, stderr = refused(text)
    assert "disclosure.kept" in stderr
    assert "when.held: only participants" in stderr


def test_a_rule_on_who_is_held_in_every_case_is_refused(refused):
    _path, stderr = refused(MINI + RULE.format(to="participant", when="held: true"))
    assert "disclosure.kept" in stderr
    assert "add confidentiality: [sealed]" in stderr


def test_an_unknown_part_is_refused(refused):
    text = MINI + RULE.format(to="participant", when="confidentiality: [sealed], held: true")
    _path, stderr = refused(text.replace("part: detention", "part: custody"))
    assert "disclosure.kept.show.part" in stderr
