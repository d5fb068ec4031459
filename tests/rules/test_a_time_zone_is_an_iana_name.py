"""A pack's ``timezone`` must be an IANA time zone: `timezone: Mars/Olympus` was
checked ok, and the pack failed only when a deadline or a statistic ran
``ZoneInfo(pack.timezone)``. The pack names no other zone (a court's own is a field of
the court, not of its pack)."""

from __future__ import annotations

import pytest

from expediente.rules.loader import load_pack_file
from tests.rules.conftest import MINI, edit

RULE = "must be an IANA time zone such as America/Costa_Rica"


def _zoned(zone: str, text: str = MINI) -> str:
    return edit('version: "1"\n', f'version: "1"\ntimezone: {zone}\n', text)


def test_a_zone_that_does_not_exist_is_refused_naming_the_field_and_the_value(refused):
    path, stderr = refused(_zoned("Mars/Olympus"))
    assert stderr.splitlines() == [f"{path}: timezone: 'Mars/Olympus' is not a time zone: {RULE}"]


def test_the_problem_is_said_at_its_line(write_pack, rules_check):
    path = write_pack(_zoned("Mars/Olympus"))
    result = rules_check(path)
    assert result.error is not None
    assert result.stderr.splitlines() == [
        f"{path}: line 3: timezone: 'Mars/Olympus' is not a time zone: {RULE}"
    ]


@pytest.mark.parametrize(
    "zone",
    [
        "america/costa_rica",  # a zone is written as IANA writes it
        "America/Costa_Rica/",
        '""',
        "../../etc/passwd",
        "/etc/localtime",
        "localtime",  # the server's own zone, whatever it is
        "Factory",
    ],
)
def test_what_is_not_a_place_s_zone_is_refused(refused, zone):
    _, stderr = refused(_zoned(zone))
    assert stderr.strip().endswith(f"is not a time zone: {RULE}")


def test_a_zone_that_is_not_text_is_refused(refused):
    _, stderr = refused(_zoned("-6"))
    assert "timezone: Input should be a valid string (got -6)" in stderr


@pytest.mark.parametrize("zone", ["America/Costa_Rica", "UTC", "Etc/GMT+6", "America/Sao_Paulo"])
def test_an_iana_zone_is_accepted(write_pack, zone):
    assert load_pack_file(write_pack(_zoned(zone))).timezone == zone


def test_a_pack_without_a_zone_keeps_utc(write_pack):
    assert load_pack_file(write_pack(MINI)).timezone == "UTC"


def test_a_wrong_zone_is_said_with_every_other_problem(refused):
    path, stderr = refused(_zoned("Mars/Olympus", edit("flag: P}}", "flag: P}, colour: red}")))
    assert sorted(stderr.splitlines()) == [
        f"{path}: offences[1].colour: Extra inputs are not permitted (got 'red')",
        f"{path}: timezone: 'Mars/Olympus' is not a time zone: {RULE}",
    ]


CHILD = """\
pack: child
version: "2"
extends: mini
name: {en: Child court}
timezone: ZONE
"""


def test_a_child_s_zone_overrides_its_parents_and_is_checked_in_the_child(write_pack, rules_check):
    write_pack(_zoned("America/Costa_Rica"), "mini")
    good = write_pack(CHILD.replace("ZONE", "America/Bogota"), "child")
    assert load_pack_file(good).timezone == "America/Bogota"

    bad = write_pack(CHILD.replace("ZONE", "Mars/Olympus"), "child")
    result = rules_check(bad)
    assert result.error is not None
    assert result.stderr.splitlines() == [
        f"{bad}: line 5: timezone: 'Mars/Olympus' is not a time zone: {RULE}"
    ]
