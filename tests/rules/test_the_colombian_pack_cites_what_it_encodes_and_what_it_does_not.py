"""Colombia's pack (`co`): Bogotá time on the Colombian calendar, Spanish, judicial
control of a capture within 36 hours (Constitución art. 28) in place of the baseline's 48,
the one-year maximum of a custodial precautionary measure with one extension on a listed
ground (Ley 906 art. 307 par. 1), habeas corpus decided within 36 hours (Ley 1095 de
2006); every deadline cites its article and keeps the reference's flag, and art. 317's
release grounds, whose clock starts the record has no entry for, are not encoded and
say why."""

from expediente.rules.citation import cite_law
from expediente.rules.loader import SHIPPED_DIR, load_pack

CO = load_pack("co")


def test_colombia_counts_in_bogota_time_on_the_colombian_calendar_in_spanish():
    assert CO.extends == "intl"
    assert (CO.timezone, CO.language, CO.calendar.holidays) == ("America/Bogota", "es", "CO")
    assert CO.country == "CO"


def test_each_colombian_deadline_cites_its_article_and_the_reference_s_flag():
    cited = {d.id: (d.law.text, d.law.article, d.law.flag) for d in CO.deadlines}
    assert cited["co.judicial_control"] == ("Constitución Política", "28", "V")
    assert cited["co.custodial_measure_maximum"] == (
        "Código de Procedimiento Penal (Ley 906 de 2004)",
        "307 parágrafo 1",
        "V",
    )
    # the 36 hours are V, but the sources give no article number nor the clock's start:
    # the law as a whole, flagged P, so every reader is told "to be confirmed"
    assert cited["co.habeas_corpus_decision"] == (
        "Ley 1095 de 2006 (hábeas corpus)",
        "Ley 1095 de 2006",
        "P",
    )
    habeas = next(d for d in CO.deadlines if d.id == "co.habeas_corpus_decision")
    assert cite_law(habeas.law, "es") == "Ley 1095 de 2006 (hábeas corpus)"  # no English


def test_the_adult_baseline_is_replaced_and_the_juvenile_benchmark_kept():
    ids = {d.id for d in CO.deadlines}
    assert "intl.presentation_to_judge.adult" not in ids
    assert "intl.presentation_to_judge.juvenile" in ids
    control = next(d for d in CO.deadlines if d.id == "co.judicial_control")
    assert control.applies_to == {"procedure": ["adult", "juvenile"]}
    assert (control.counting, control.duration.hours) == ("continuous", 36)


def test_the_maximum_is_a_year_extended_once_never_past_two():
    rule = next(d for d in CO.deadlines if d.id == "co.custodial_measure_maximum")
    assert (rule.duration.years, rule.also_ends_at and rule.also_ends_at.years) == (1, 2)
    assert rule.extended_by == ["custody.pretrial_extended"]
    assert (rule.effect, rule.maximum) == ("legal_consequence", True)
    assert rule.law.note is not None
    assert "1 July 2017 (Ley 1786 de 2016, P)" in rule.law.note


def test_an_extension_stores_its_ground_and_who_asked_for_it():
    fields = CO.event_types["custody.pretrial_extended"].fields
    assert fields["ground"].required
    assert fields["ground"].options == [
        "specialized_justice",
        "three_or_more_accused",
        "corruption",
        "title_iv_offence",
    ]
    assert fields["requested_by"].options == ["prosecutor", "victim_lawyer"]
    # the baseline's fields stay, so the custody record reads the entry as before
    assert {"person", "until", "granted_by"} <= set(fields)


def test_only_a_habeas_corpus_petition_gets_the_36_hours():
    rule = next(d for d in CO.deadlines if d.id == "co.habeas_corpus_decision")
    assert rule.opens_at("petition.filed", {"kind": "habeas_corpus"})
    assert not rule.opens_at("petition.filed", {"kind": "detention_review"})


def test_article_317_is_not_encoded_and_the_header_says_why():
    assert all("317" not in d.law.article for d in CO.deadlines)
    header = (SHIPPED_DIR / "co.yaml").read_text(encoding="utf-8").split("\npack: co")[0]
    not_encoded = header.split("# NOT ENCODED:")[1]
    for item in ("art. 317", "imputación", "start of the trial", "U"):
        assert item in not_encoded, item


def test_the_emergency_number_is_123_with_its_source_unchecked():
    emergency = CO.emergency
    assert emergency is not None
    assert emergency.dial == "123"
    assert emergency.law is None
    assert emergency.note is not None
    assert "not checked" in emergency.note


def test_every_offence_article_is_flagged_as_from_memory():
    assert 6 <= len(CO.offences) <= 10
    for offence in CO.offences:
        assert offence.law.flag == "U", offence.code  # from memory: no source (as cr)
        assert offence.law.note is not None
        assert "from memory, not checked against the official text" in offence.law.note
        assert set(offence.label) == {"es", "en", "pt", "fr"}
        assert offence.penalty is None
