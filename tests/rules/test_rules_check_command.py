"""`expediente rules check PATH…` says ok for a good pack and exits 1 naming the bad ones."""

from tests.rules.conftest import MINI, edit


def test_a_good_pack_is_ok(write_pack, rules_check):
    path = write_pack(MINI)
    result = rules_check(path)
    assert result.error is None
    assert result.stdout.splitlines()[0] == (
        f"{path}: ok: pack mini 1, 3 stages, 7 event types, 1 deadlines, 2 offences"
    )
    assert "note: 1 offence(s) cite law not yet checked (flag U)" in result.stdout


def test_a_bad_pack_exits_non_zero_and_names_the_file(refused):
    path, stderr = refused(edit('version: "1"\n', ""))
    assert stderr.startswith(f"{path}: ")
    assert "version: Field required" in stderr


def test_every_problem_in_a_pack_is_reported_not_only_the_first(refused):
    text = edit("type: participant", "type: persona")
    text = edit("flag: P}}", "flag: P}, colour: red}", text)
    _, stderr = refused(text)
    lines = stderr.splitlines()
    assert any("event_types.custody.arrested.fields.person.type" in line for line in lines)
    assert any("offences[1].colour: Extra inputs are not permitted" in line for line in lines)
    assert len(lines) == 2


def test_a_pack_refused_for_its_shape_says_its_names_are_checked_next(write_pack, rules_check):
    """A pack author mends what is said, runs the check again and meets problems of
    another kind (a stage that names an unknown event type): the first run says so."""
    shape = rules_check(write_pack(edit('version: "1"\n', "")))
    assert shape.error is not None
    assert "names the pack uses (stages, event types, roles, deadlines) are checked once" in (
        shape.stdout
    )
    names = rules_check(write_pack(edit("starts: custody.arrested", "starts: custody.nowhere")))
    assert names.error is not None
    assert "custody.nowhere" in names.stderr
    assert "checked once" not in names.stdout


def test_good_packs_are_still_checked_when_another_is_bad(write_pack, rules_check):
    good = write_pack(MINI, "good")
    bad = write_pack("- just\n- a list\n", "bad")
    result = rules_check(bad, good)
    assert result.error is not None
    assert str(result.error) == "1 pack(s) invalid"
    assert f"{good}: ok:" in result.stdout
    assert f"{bad}: " in result.stderr
    assert f"{good}" not in result.stderr


def test_a_missing_file_is_reported(tmp_path, rules_check):
    missing = tmp_path / "nowhere.yaml"
    result = rules_check(missing)
    assert result.error is not None
    assert result.stderr.strip() == f"{missing}: cannot read the file: No such file or directory"


def test_a_file_that_is_not_utf8_is_reported(tmp_path, rules_check):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(MINI.replace("Juzgado mini", "Juzgado pequeño").encode("latin-1"))
    result = rules_check(path)
    assert result.error is not None
    assert result.stderr.strip() == f"{path}: the file is not UTF-8 text"
