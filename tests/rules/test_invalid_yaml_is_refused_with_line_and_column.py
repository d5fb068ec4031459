"""A pack that is not valid YAML is refused with the line and column of the mistake."""

import re

from tests.rules.conftest import edit


def test_an_unclosed_flow_mapping_names_its_line_and_column(refused):
    text = edit("label: {en: Arrest}", "label: {en: Arrest")
    line = text.splitlines().index("    label: {en: Arrest") + 1
    path, stderr = refused(text)
    # the parser notices on the next line, where `stages:` follows without the closing brace
    where = rf"{re.escape(str(path))}: line {line + 1}, column \d+: not valid YAML: "
    assert re.match(where, stderr)
    assert "expected ',' or '}'" in stderr


def test_a_colon_where_a_value_should_be_names_its_line_and_column(refused):
    path, stderr = refused('pack: mini\nversion: "1"\nname: en: Mini\n')
    assert stderr.startswith(f"{path}: line 3, column 9: not valid YAML: mapping values are not")


def test_a_tab_character_is_reported_where_it_is(refused):
    path, stderr = refused("pack: mini\n\tversion: 1\n")
    assert re.match(rf"{re.escape(str(path))}: line 2, column \d+: not valid YAML", stderr)


def test_python_objects_in_yaml_are_refused_not_executed(refused, tmp_path):
    marker = tmp_path / "pwned"
    text = edit("pack: mini", f"pack: !!python/object/apply:os.system ['touch {marker}']")
    path, stderr = refused(text)
    assert stderr.startswith(f"{path}: line 1, column 7: not valid YAML")
    assert not marker.exists()
