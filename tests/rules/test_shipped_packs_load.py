"""The packs shipped with the code load, and the national packs build on the baseline."""

import pytest

from expediente.rules.loader import SHIPPED_DIR, load_pack, shipped_pack_ids


def test_the_shipped_packs_are_intl_cr_br_cl_and_co():
    assert shipped_pack_ids() == ["br", "cl", "co", "cr", "intl"]


@pytest.mark.parametrize("pack_id", ["intl", "cr", "br", "cl", "co"])
def test_each_shipped_pack_loads_with_its_seven_stages(pack_id):
    pack = load_pack(pack_id)
    assert pack.pack == pack_id
    assert [s.id for s in pack.stages] == [
        "investigation",
        "intermediate",
        "trial",
        "judgment",
        "appeal",
        "enforcement",
        "closed",
    ]
    assert pack.initial_stage == "investigation"
    assert [s.id for s in pack.stages if s.terminal] == ["closed"]


def test_cr_keeps_the_baseline_event_types_and_adds_its_own():
    intl, cr = load_pack("intl"), load_pack("cr")
    assert set(intl.event_types) < set(cr.event_types)
    assert {"custody.hearing_requested", "conciliation.approved"} <= set(cr.event_types)
    assert "custody.hearing_requested" not in intl.event_types


def test_cr_renames_some_stages_and_inherits_the_others():
    cr = load_pack("cr")
    assert cr.stage("investigation").label["es"] == "Etapa preparatoria"
    assert cr.stage("appeal").label["es"] == "Impugnación"
    # given by id alone in cr.yaml: label, explanation and terminal flag come from intl
    assert cr.stage("trial").label["es"] == "Juicio"
    assert cr.stage("closed").terminal
    assert cr.stage("closed").explain == load_pack("intl").stage("closed").explain


def test_cr_replaces_the_baseline_presentation_rule_with_its_stricter_own():
    ids = {d.id for d in load_pack("cr").deadlines}
    assert {"cr.presentation_to_judge", "cr.pretrial_review", "cr.pretrial_maximum"} <= ids
    assert "intl.presentation_to_judge.adult" not in ids  # 48 h benchmark, replaced by 24 h
    assert "intl.presentation_to_judge.adult" in {d.id for d in load_pack("intl").deadlines}
    assert load_pack("cr").timezone == "America/Costa_Rica"


def test_no_shipped_deadline_rests_on_unverified_law():
    for pack_id in shipped_pack_ids():
        flags = {d.id: d.law.flag for d in load_pack(pack_id).deadlines}
        # policy: the court's own service target, never presented as law
        assert set(flags.values()) <= {"V", "P", "policy"}, flags


def test_every_cr_offence_is_mapped_to_an_iccs_code():
    cr = load_pack("cr")
    assert len(cr.offences) >= 20
    theft = cr.offence("CP-208")
    assert theft is not None
    assert theft.iccs == "0502"
    assert cr.offence("CP-999") is None


def test_rules_check_says_ok_for_the_shipped_pack_files(rules_check):
    paths = [SHIPPED_DIR / "intl.yaml", SHIPPED_DIR / "cr.yaml"]
    result = rules_check(*paths)
    assert result.error is None, result.stderr
    assert result.stderr == ""
    lines = [line for line in result.stdout.splitlines() if ": ok: " in line]
    assert len(lines) == 2
    assert lines[0].startswith(str(paths[0]))
    assert "pack intl 2026.12, 7 stages" in lines[0]
    assert "pack cr 2026.12, 7 stages" in lines[1]


def test_rules_check_points_out_offences_citing_unchecked_law(rules_check):
    result = rules_check(SHIPPED_DIR / "cr.yaml")
    unchecked = sum(o.law.flag == "U" for o in load_pack("cr").offences)
    assert unchecked > 0
    assert f"note: {unchecked} offence(s) cite law not yet checked (flag U)" in result.stdout


def test_br_counts_in_brasilia_time_on_the_brazilian_calendar():
    br = load_pack("br")
    assert br.timezone == "America/Sao_Paulo"
    assert br.calendar.holidays == "BR"


def test_br_keeps_the_juvenile_baseline_and_replaces_the_adult_one():
    ids = {d.id for d in load_pack("br").deadlines}
    assert "intl.presentation_to_judge.adult" not in ids  # CPP art. 310: 24 h
    assert "intl.presentation_to_judge.juvenile" in ids
    assert {"br.custody_hearing.from_arrest", "br.custody_hearing.from_notice"} <= ids


def test_every_br_offence_is_mapped_to_an_iccs_code_and_cites_the_codigo_penal():
    offences = load_pack("br").offences
    assert offences
    for o in offences:
        assert o.iccs
        assert o.law.text.startswith("Código Penal")
        assert o.law.flag == "P"


def test_only_costa_rica_puts_detained_juveniles_first():
    assert [p.when for p in load_pack("cr").priority] == ["detained_juvenile"]
    assert load_pack("cr").priority[0].law.article == "60"
    assert load_pack("br").priority == []
