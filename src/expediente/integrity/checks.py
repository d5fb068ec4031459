"""System checks for the log's settings, run when a command starts: a log name that no
checkpoint could carry stops the start with a clear error, instead of failing every
checkpoint later."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error
from django.core.exceptions import ImproperlyConfigured

from expediente.integrity.keys import origin


def origin_check(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    try:
        origin()
    except ImproperlyConfigured as exc:
        return [
            Error(
                str(exc),
                hint=(
                    "Set EXPEDIENTE_LOG_ORIGIN to the court system's host name and a path, "
                    'e.g. "expediente.poder-judicial.example/log".'
                ),
                id="integrity.E001",
            )
        ]
    return []
