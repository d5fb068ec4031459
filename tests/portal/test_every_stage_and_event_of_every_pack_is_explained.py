"""Every stage and event type of every shipped pack has a plain explanation (the pack's
own in the reader's language, else the portal's catalogue); an unknown one gets a
generic sentence, never nothing."""

import pytest
from django.utils import translation

from expediente.portal import explanations
from expediente.rules.loader import load_pack

PACKS = ["intl", "cr", "br", "cl", "co"]


@pytest.mark.parametrize("pack_id", PACKS)
@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_every_stage_has_its_own_explanation_and_next_step(pack_id, language):
    pack = load_pack(pack_id)
    with translation.override(language):
        for stage in pack.stages:
            assert explanations.stage_means(pack, stage.id) != str(explanations.GENERIC_STAGE)
            assert explanations.stage_next(stage.id) != str(explanations.GENERIC_STAGE)


@pytest.mark.parametrize("pack_id", PACKS)
@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_every_event_type_has_its_own_explanation(pack_id, language):
    pack = load_pack(pack_id)
    with translation.override(language):
        for type_name in pack.event_types:
            if type_name == "note.added":  # staff notes never reach the portal
                continue
            text = explanations.event_means(pack, type_name)
            assert text != str(explanations.GENERIC_EVENT), type_name


def test_the_packs_own_words_come_first_in_their_language():
    pack = load_pack("cr")
    with translation.override("es"):
        assert explanations.stage_means(pack, "investigation").startswith("El Ministerio Público")
    with translation.override("pt"):
        assert explanations.stage_means(pack, "investigation").startswith("O Ministério Público")
    # a pack without French for a stage (a court's own pack): the catalogue speaks
    stages = [
        s.model_copy(update={"explain": {"es": "Texto propio.", "en": "Own text."}})
        if s.id == "investigation"
        else s
        for s in pack.stages
    ]
    partial = pack.model_copy(update={"stages": stages})
    with translation.override("fr"):
        assert explanations.stage_means(partial, "investigation") == str(
            explanations.STAGE_MEANS["investigation"]
        )


def test_an_unknown_stage_or_event_gets_the_generic_sentence():
    pack = load_pack("intl")
    assert explanations.stage_means(pack, "mediation") == str(explanations.GENERIC_STAGE)
    assert explanations.event_means(pack, "mediation.held") == str(explanations.GENERIC_EVENT)
    assert explanations.hearing_means("mediation") == str(explanations.GENERIC_HEARING)
