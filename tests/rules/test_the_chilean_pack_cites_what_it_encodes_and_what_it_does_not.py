"""Chile's pack (`cl`): Santiago time on the Chilean calendar, Spanish, 24 hours to bring
an arrested person before the judge (CPP art. 131) and an adolescent (Ley 20.084 art. 31)
in place of the baseline's 48 and its juvenile benchmark, the 6-monthly ex officio review
of preventive detention (CPP art. 145); every deadline cites its article and keeps the
reference's flag, and what the reference flags U, or gives only from an AI summary, is not
encoded. Unchecked facts (the juvenile ages, the emergency number, the offence articles)
say that they are unchecked."""

from expediente.rules.loader import SHIPPED_DIR, load_pack

CL = load_pack("cl")


def test_chile_counts_in_santiago_time_on_the_chilean_calendar_in_spanish():
    assert CL.extends == "intl"
    assert (CL.timezone, CL.language, CL.calendar.holidays) == ("America/Santiago", "es", "CL")
    assert CL.country == "CL"
    assert CL.procedures == ["adult", "juvenile"]


def test_each_chilean_deadline_cites_its_article_and_the_reference_s_flag():
    cited = {d.id: (d.law.text, d.law.article, d.law.flag) for d in CL.deadlines}
    assert cited["cl.presentation_to_judge"] == ("Código Procesal Penal (Ley 19.696)", "131", "V")
    assert cited["cl.preventive_detention_review"] == (
        "Código Procesal Penal (Ley 19.696)",
        "145",
        "V",
    )
    assert cited["cl.juvenile.presentation_to_judge"] == (
        "Ley 20.084 (Responsabilidad Penal Adolescente)",
        "31",
        "V",
    )
    # the clock rule of art. 14 (P) is said where the terms are counted
    for rule_id in cited:
        if rule_id.startswith("cl."):
            note = next(d.law.note for d in CL.deadlines if d.id == rule_id)
            assert note is not None, rule_id
            assert "art. 14, P" in note, rule_id


def test_the_baseline_presentation_rules_are_replaced_and_the_rest_inherited():
    ids = {d.id for d in CL.deadlines}
    assert "intl.presentation_to_judge.adult" not in ids
    assert "intl.presentation_to_judge.juvenile" not in ids
    inherited = ids - {"cl.presentation_to_judge", "cl.preventive_detention_review"}
    inherited -= {"cl.juvenile.presentation_to_judge"}
    assert inherited == {d.id for d in load_pack("intl").deadlines} - {
        "intl.presentation_to_judge.adult",
        "intl.presentation_to_judge.juvenile",
    }


def test_the_chilean_terms_skip_no_day_and_no_hour():
    rules = {d.id: d for d in CL.deadlines if d.id.startswith("cl.")}
    for rule_id in ("cl.presentation_to_judge", "cl.juvenile.presentation_to_judge"):
        assert (rules[rule_id].counting, rules[rule_id].duration.hours) == ("continuous", 24)
    review = rules["cl.preventive_detention_review"]
    assert (review.counting, review.roll, review.duration.months) == ("calendar", "none", 6)
    assert review.repeats_from == "custody.pretrial_reviewed"


def test_what_the_reference_does_not_support_is_not_encoded_and_says_so():
    articles = {d.law.article for d in CL.deadlines if d.law.text.startswith("Código Procesal")}
    assert articles == {"131", "145"}  # not 132 (AI summary) nor 152 (U)
    header = (SHIPPED_DIR / "cl.yaml").read_text(encoding="utf-8").split("\npack: cl")[0]
    not_encoded = header.split("# NOT ENCODED:")[1]
    for item in ("CPP art. 152", "CPP art. 132", "12 hours", "prosecutor"):
        assert item in not_encoded, item


def test_the_juvenile_ages_are_14_to_17_and_flagged_as_unchecked():
    ages = CL.juvenile_ages
    assert ages is not None
    assert (ages.minimum, ages.under) == (14, 18)
    assert (ages.law.article, ages.law.flag) == ("3", "P")
    assert ages.law.note is not None
    assert "not checked against the official text" in ages.law.note


def test_the_emergency_number_is_carabineros_133_with_its_source_unchecked():
    emergency = CL.emergency
    assert emergency is not None
    assert (emergency.dial, emergency.name["es"]) == ("133", "Carabineros de Chile")
    assert emergency.law is None
    assert emergency.note is not None
    assert "not checked" in emergency.note


def test_case_numbers_keep_the_baseline_s_neutral_formats():
    assert CL.numbering == load_pack("intl").numbering


def test_every_offence_article_is_flagged_as_from_memory():
    assert 6 <= len(CL.offences) <= 10
    for offence in CL.offences:
        assert offence.law.flag == "U", offence.code  # from memory: no source (as cr)
        assert offence.law.note is not None
        assert "from memory, not checked against the official text (bcn.cl)" in offence.law.note
        assert set(offence.label) == {"es", "en", "pt", "fr"}
        assert offence.penalty is None  # no range from memory
    flagged = {o.code: set(o.flags) for o in CL.offences}
    assert flagged["L20000-3"] == {"drugs"}
    assert flagged["L17798-9"] == {"firearm"}
    assert flagged["CP-399-VIF"] == set()  # domestic violence is not only against women
