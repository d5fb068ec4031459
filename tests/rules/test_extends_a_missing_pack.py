"""A pack that extends a pack that cannot be found is refused, saying where it looked."""

from expediente.rules.loader import load_pack
from tests.rules.conftest import edit


def test_extending_a_missing_pack_is_refused_naming_the_pack_and_the_places_searched(refused):
    path, stderr = refused(edit("pack: mini\n", "pack: mini\nextends: nowhere\n"))
    assert stderr.startswith(f"{path}: extends: no rule pack named 'nowhere' in ")
    assert str(path.parent) in stderr
    assert "rules/packs" in stderr


def test_extends_must_be_a_pack_id(refused):
    path, stderr = refused(edit("pack: mini\n", "pack: mini\nextends: [intl, cr]\n"))
    assert stderr.strip() == f"{path}: extends: must be the id of another pack"


def test_a_pack_may_extend_a_shipped_pack_from_anywhere(write_pack, rules_check):
    text = (
        "pack: mine\nversion: '1'\nextends: intl\nname: {en: Mine}\n"
        "event_types:\n  visit.held:\n    label: {en: Prison visit}\n"
    )
    path = write_pack(text, "mine")
    result = rules_check(path)
    assert result.error is None, result.stderr
    intl = load_pack("intl")
    assert f"{path}: ok: pack mine 1, 7 stages, {len(intl.event_types) + 1} event types" in (
        result.stdout
    )
