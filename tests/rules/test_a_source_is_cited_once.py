"""A deadline's source reads as a citation, never naming the same article twice: the
petition answer's source read "American Convention on Human Rights art. 7(6); ICCPR
art. 9(4) ACHR 7(6); ICCPR 9(4)" on the family's page and the judge's due list."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expediente.rules.citation import cite, cite_law, cite_laws, stored_law
from expediente.rules.loader import load_pack


@pytest.mark.parametrize(
    ("text", "article", "cited"),
    [
        ("Código Procesal Penal", "258", "Código Procesal Penal art. 258"),
        (
            "American Convention on Human Rights art. 7(6); ICCPR art. 9(4)",
            "ACHR 7(6); ICCPR 9(4)",
            "American Convention on Human Rights art. 7(6); ICCPR art. 9(4)",
        ),
        (
            "Human Rights Committee, General Comment 35 (CCPR/C/GC/35)",
            "ICCPR 9(3); GC 35",
            "Human Rights Committee, General Comment 35 (CCPR/C/GC/35) (ICCPR 9(3); GC 35)",
        ),
        (
            "UN regional meeting (A/CONF.222/RPM.3/1)",
            "¶72(c)",
            "UN regional meeting (A/CONF.222/RPM.3/1) (¶72(c))",
        ),
        ("Ley 7576", "article to confirm", "Ley 7576 (article to confirm)"),
        ("Ley 7576", "", "Ley 7576"),
        # "7" is named in "art. 7(6)" only as part of a longer number
        ("ACHR art. 17", "ACHR 7", "ACHR art. 17 (ACHR 7)"),
    ],
)
def test_a_source_is_cited_as_a_reader_expects(text: str, article: str, cited: str) -> None:
    assert cite(text, article) == cited


def test_no_shipped_deadline_names_an_article_twice() -> None:
    for pack_id in ("intl", "cr", "br", "cl", "co"):
        for rule in load_pack(pack_id).deadlines:
            cited = cite(rule.law.text, rule.law.article)
            assert cited.startswith(rule.law.text.strip()), rule.id
            for number in ("7(6)", "9(4)", "9(3)"):
                assert cited.count(number) <= 1, (rule.id, cited)


@given(st.text(max_size=40), st.from_regex(r"[1-9][0-9]{0,3}", fullmatch=True))
def test_a_numbered_article_is_always_cited_after_the_text(text: str, article: str) -> None:
    assert cite(text, article).endswith(f"art. {article}")


# A treaty is cited by its official name in the reader's language: the Spanish due list
# and the family's page read "the law says “sin demora” (American Convention on Human
# Rights art. 7(6); ICCPR art. 9(4))".
TREATY = {
    "text": "American Convention on Human Rights art. 7(6); ICCPR art. 9(4)",
    "article": "ACHR 7(6); ICCPR 9(4)",
    "flag": "policy",
    "cited": {
        "en": "American Convention on Human Rights art. 7(6); ICCPR art. 9(4)",
        "es": "Convención Americana sobre Derechos Humanos art. 7(6); PIDCP art. 9(4)",
    },
}


def test_a_treaty_is_cited_in_the_readers_language_as_a_row_keeps_it() -> None:
    assert cite_law(TREATY, "es") == TREATY["cited"]["es"]
    assert cite_law(TREATY, "es-cr") == TREATY["cited"]["es"]
    assert cite_law(TREATY, "en") == TREATY["text"]
    # a language the pack has no wording for, and a row kept before ``cited`` existed
    assert cite_law(TREATY, "fr") == TREATY["text"]
    assert cite_law({k: v for k, v in TREATY.items() if k != "cited"}, "es") == TREATY["text"]
    assert cite_law({"text": "Ley 7576", "article": "60"}, "es") == "Ley 7576 art. 60"


def test_every_shipped_treaty_citation_is_in_every_language_and_a_code_keeps_its_name() -> None:
    for pack_id in ("intl", "cr", "br", "cl", "co"):
        for rule in load_pack(pack_id).deadlines:
            law = rule.law
            stored = stored_law(law)
            for language in ("es", "en", "pt", "fr"):
                cited = cite_law(law, language)
                assert cited == cite_law(stored, language)
                if law.cited is None:  # a national code: its own name in every language
                    assert cited == cite(law.text, law.article)
                elif language != "en":
                    assert "Human Rights" not in cited, (rule.id, language, cited)
                    assert "ICCPR" not in cited, (rule.id, language, cited)
            if law.cited is not None:
                assert cite_law(law, "en") == cite(law.text, law.article), rule.id


def test_several_rules_sources_are_cited_once_each() -> None:
    """The family's detention panel cites its deadlines' sources once, under the code's
    name, instead of the code's name in every sentence."""
    code = "Código Procesal Penal (Ley 7594)"
    laws = [
        {"text": code, "article": "253", "flag": "V"},
        {"text": code, "article": "243(e)", "flag": "V"},
        {"text": code, "article": "253", "flag": "V"},
        {"text": code, "article": "257(b)(c), 258", "flag": "V"},
        {"text": "Ley de Justicia Penal Juvenil (Ley 7576)", "article": "87", "flag": "P"},
    ]
    assert [cited for cited, _ in cite_laws(laws, "es")] == [
        f"{code} art. 253; art. 243(e); art. 257(b)(c), 258",
        "Ley de Justicia Penal Juvenil (Ley 7576) art. 87",
    ]


def test_a_source_with_its_own_wording_or_a_locator_stays_whole() -> None:
    petition = next(d.law for d in load_pack("intl").deadlines if d.id == "intl.petition_answer")
    laws = [
        stored_law(petition),
        stored_law(petition),
        {"text": "Ley 7576", "article": "article to confirm", "flag": "P"},
    ]
    assert cite_laws(laws, "es") == [
        (cite_law(petition, "es"), laws[:2]),
        ("Ley 7576 (article to confirm)", laws[2:]),
    ]
