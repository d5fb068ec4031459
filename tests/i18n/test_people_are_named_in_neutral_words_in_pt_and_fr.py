"""The people of a case are named in pt and fr with words for any person, on the staff's
pages as on the public ones ("Pessoa acusada", "Personne poursuivie"): a woman was
"o participante", "le requérant", "l'avocat de la défense"; a reader was told "Vous
serez prévenu". The msgids stay as they are; only the catalogues changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation

import expediente

LOCALE = Path(expediente.__file__).parent / "locale"

NEUTRAL = {
    "pt": {
        "No one in this case is an accused person yet: add them to the case first.": (
            "Ainda não há nenhuma pessoa acusada neste processo: primeiro adicione-a ao processo."
        ),
        "A participant: %(role)s": "Uma pessoa do processo: %(role)s",
        "Add a participant": "Adicionar participante",
        "Defence lawyer": "Advogado ou advogada de defesa",
        "Public defender": "Defensoria pública",
        "You will be told by:": "Você receberá os avisos por:",
        "Someone in custody": "Com alguém sob custódia",
    },
    "fr": {
        "Petitioner": "Personne requérante",
        "Choose someone listed: only an accused person can be charged.": (
            "Choisissez une personne de la liste : seule une personne poursuivie peut se voir "
            "imputer une infraction."
        ),
        "A participant: %(role)s": "Une personne de l'affaire : %(role)s",
        "Add a participant": "Ajouter une personne à l'affaire",
        "Defence lawyer": "Avocat ou avocate de la défense",
        "Your lawyer": "Votre avocat ou avocate",
        "You will be told by:": "Nous vous préviendrons par :",
        "The prosecutor did not come": "Le ministère public ne s'est pas présenté",
    },
}

# a person of the case (or the reader) named in the masculine
MASCULINE = {
    "pt": re.compile(
        r"\b(o|um|do|ao|nenhum) (participante|acusado|requerente)\b|\bAdvogado de defesa\b"
        r"|\bDefensor público\b|\bavisado\b|\bSeu advogado pode\b|\bcondenado, com recurso\b"
        r"|\bCom alguém preso\b|\bvocê é defensor\b",
        re.IGNORECASE,
    ),
    "fr": re.compile(
        r"\b(le|un|du|aucun|seul un) (participant|prévenu|requérant)\b|\bRequérant\b"
        r"|\bAvocat de la (défense|victime)\b|\bAvocat commis\b|\bVotre avocat\b(?! ou)"
        r"|\bserez prévenu\b|\bd'être prévenu\b|\bn'est pas détenu le\b|\bdéjà détenu le\b"
        r"|\bLe procureur ne s'est\b|\bles mineurs détenus\b|\bvous êtes avocat\b",
        re.IGNORECASE,
    ),
}


@pytest.mark.parametrize("language", ["pt", "fr"])
def test_the_people_of_a_case_are_named_in_words_for_any_person(language):
    with translation.override(language):
        for msgid, expected in NEUTRAL[language].items():
            assert translation.gettext(msgid) == expected


@pytest.mark.parametrize("language", ["pt", "fr"])
def test_no_translation_names_them_in_the_masculine(language):
    catalogue = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    translations = re.findall(r'^msgstr(?:\[\d\])? "(.*)"\n((?:".*"\n)*)', catalogue, re.M)
    found = [
        first + "".join(line.strip()[1:-1] for line in rest.splitlines())
        for first, rest in translations
    ]
    assert len(found) > 1000
    wrong = [text for text in found if MASCULINE[language].search(text)]
    assert wrong == []


@pytest.mark.parametrize("language", ["pt", "fr"])
def test_no_shipped_pack_names_a_role_in_the_masculine(language):
    # the packs' role labels head the parties' lists and name people on every page
    from expediente.rules.loader import load_pack

    for code in ("intl", "cr", "br"):
        labels = [label.get(language, "") for label in load_pack(code).roles.values()]
        assert len(labels) >= 10
        wrong = [text for text in labels if MASCULINE[language].search(text)]
        assert wrong == [], code
