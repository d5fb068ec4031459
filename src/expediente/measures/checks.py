"""System checks for the measures settings, run when a command starts (``expediente
worker``, ``runserver``, ``check``): a bad setting stops the start with a clear error,
instead of failing every deadline sweep later."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error
from django.core.exceptions import ImproperlyConfigured

from expediente.measures.sweep import morning


def alert_morning_check(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """``MEASURES_ALERT_MORNING`` must be a time of day, "HH:MM", with no UTC offset."""
    try:
        morning()
    except ImproperlyConfigured as exc:
        return [
            Error(
                str(exc),
                hint=(
                    "Set MEASURES_ALERT_MORNING to a time of day on the court's clock, "
                    'e.g. "08:00", or leave it out for 08:00.'
                ),
                id="measures.E001",
            )
        ]
    return []
