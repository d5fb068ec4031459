"""The packs shipped with the code load, and the Costa Rican pack builds on the baseline."""

import pytest

from expediente.rules.loader import SHIPPED_DIR, load_pack, shipped_pack_ids


def test_the_shipped_packs_are_intl_and_cr():
    assert shipped_pack_ids() == ["cr", "intl"]


@pytest.mark.parametrize("pack_id", ["intl", "cr"])
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
        assert set(flags.values()) <= {"V", "P"}, flags


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
    assert "pack intl 2026.1, 7 stages" in lines[0]
    assert "pack cr 2026.1, 7 stages" in lines[1]


def test_rules_check_points_out_offences_citing_unchecked_law(rules_check):
    result = rules_check(SHIPPED_DIR / "cr.yaml")
    unchecked = sum(o.law.flag == "U" for o in load_pack("cr").offences)
    assert unchecked > 0
    assert f"note: {unchecked} offence(s) cite law not yet checked (flag U)" in result.stdout
