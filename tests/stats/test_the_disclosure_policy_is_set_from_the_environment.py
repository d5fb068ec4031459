"""QA finding 11: the small-cell policy could only be set in Python settings, so
deployments ran the default (threshold 5, zeros not sensitive) and published
"juveniles deprived of liberty: unsentenced male 5" and "sentenced female 0". The
default is now a threshold of 10 with zeros sensitive in tables of persons by sex, age
status or citizenship (indicators.md §6: UK LLC, ONS), and EXPEDIENTE_DISCLOSURE sets it
from the environment, checked at start-up."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from expediente.settings import disclosure_policies
from expediente.stats.catalogue import indicator_get
from expediente.stats.disclosure import Policy, protect_linked
from expediente.stats.publish import policy_for, release_cells


def test_the_environment_sets_a_policy_per_jurisdiction_and_a_default(settings) -> None:  # type: ignore[no-untyped-def]
    settings.EXPEDIENTE_DISCLOSURE = disclosure_policies(
        '{"default": {"threshold": 7}, "cr": {"threshold": 10, "rounding": 5}}'
    )
    assert policy_for("cr").threshold == 10
    assert policy_for("cr").rounding == 5
    assert policy_for("br").threshold == 7


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("{cr: 10}", "not JSON"),
        ('{"cr": 10}', "must be an object of policies"),
        ('{"cr": {"treshold": 10}}', "treshold: not a setting"),
        ('{"cr": {"threshold": "10"}}', "threshold: must be a whole number"),
        ('{"cr": {"threshold": 0}}', "threshold: must be 1 or more"),
    ],
)
def test_a_mistyped_policy_stops_start_up(raw, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImproperlyConfigured, match=words):
        disclosure_policies(raw)


def test_by_default_small_counts_and_telling_zeros_of_juveniles_are_hidden(settings) -> None:  # type: ignore[no-untyped-def]
    settings.EXPEDIENTE_DISCLOSURE = disclosure_policies("")
    policy = policy_for("cr")
    assert policy == Policy(threshold=10, zero_dims=frozenset({"sex", "age_status", "citizenship"}))
    # the finding's table: unsentenced male 5 published; "sentenced female 0" telling
    # that every sentenced juvenile is a boy
    counts = {
        "juveniles_deprived": {
            ("unsentenced", "male"): 5,
            ("sentenced", "male"): 12,
            ("unsentenced", "female"): 11,
        }
    }
    chosen = [indicator_get("juveniles_deprived")]
    cells = [c for t in release_cells(chosen, counts, set(counts), policy).values() for c in t]
    values = {c.key[2]: c.value for c in cells}  # type: ignore[index]
    hidden = {c.key[2] for c in cells if c.key in protect_linked(cells, policy)}  # type: ignore[index]
    assert ("unsentenced", "male") in hidden
    assert values["sentenced", "female"] == 0
    assert ("sentenced", "female") in hidden
