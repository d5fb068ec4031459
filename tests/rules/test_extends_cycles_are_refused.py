"""Packs that extend each other in a circle are refused instead of recursing forever."""


def _pack(pack_id: str, parent: str) -> str:
    return f"pack: {pack_id}\nextends: {parent}\nversion: '1'\n"


def test_a_pack_extending_itself_is_refused(refused):
    path, stderr = refused(_pack("loop", "loop"), "loop")
    assert stderr.strip() == f"{path}: extends: cycle loop -> loop"


def test_two_packs_extending_each_other_are_refused(write_pack, refused):
    write_pack(_pack("b", "a"), "b")
    _, stderr = refused(_pack("a", "b"), "a")
    assert "extends: cycle" in stderr


def test_the_cycle_message_names_every_pack_in_the_circle(write_pack, refused):
    write_pack(_pack("b", "c"), "b")
    write_pack(_pack("c", "a"), "c")
    _, stderr = refused(_pack("a", "b"), "a")
    assert "cycle a -> b -> c -> a" in stderr
