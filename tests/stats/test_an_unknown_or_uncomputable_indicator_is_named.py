"""Asking for an indicator that does not exist, or that these records cannot give, is
answered with its name and the reason, never with a number."""

from __future__ import annotations

import pytest
from django.utils import translation

from expediente.stats.catalogue import INDICATORS, UnknownIndicator, indicator_get
from expediente.stats.compute import NotComputable, indicator_compute


def test_an_unknown_indicator_is_named() -> None:
    with pytest.raises(UnknownIndicator, match="nonsense"):
        indicator_get("nonsense")
    with pytest.raises(UnknownIndicator, match="nonsense"):
        indicator_compute("nonsense", None)  # type: ignore[arg-type]


def test_an_uncomputable_indicator_says_what_is_missing() -> None:
    with translation.override("en"), pytest.raises(NotComputable, match="resident population"):
        indicator_compute("homicide_rate", None)  # type: ignore[arg-type]


def test_every_indicator_has_a_source_and_a_formula() -> None:
    for indicator in INDICATORS:
        assert str(indicator.name)
        assert str(indicator.formula)
        assert indicator.source.document
        # U: the project's own count where the reference has no UN definition (deaths in
        # custody), said on its page
        assert indicator.source.flag in ("V", "P", "U", "project"), indicator.id
        assert indicator.computable == (indicator.pure is not None and indicator.sql is not None)


def test_a_custody_kind_nobody_classified_is_shown_as_such(demo) -> None:  # type: ignore[no-untyped-def]
    from expediente.custody.models import CustodyPeriod
    from expediente.stats.publish import figure_publish
    from tests.stats.conftest import demo_scope

    period = CustodyPeriod.objects.order_by("pk").first()
    assert period is not None
    # a projection row with a kind this code does not know (a future custody kind)
    CustodyPeriod.objects.filter(pk=period.pk).update(kind="house_arrest")
    figure = figure_publish(indicator_get("held_on_day"), demo_scope("2024-01-01", "2024-12-31"))
    assert figure.status == "not_computable"
    assert "house_arrest" in figure.message
