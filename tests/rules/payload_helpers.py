"""Helpers for the payload tests: the errors a payload gets, or just the fields they name."""

from __future__ import annotations

from typing import Any

import pytest

from expediente.rules.payloads import PayloadError, validate_payload
from expediente.rules.schema import Pack


def errors(pack: Pack, payload: Any, type_name: str = "hearing.held") -> list[dict[str, str]]:
    with pytest.raises(PayloadError) as exc:
        validate_payload(pack, type_name, payload)
    return exc.value.errors


def fields(pack: Pack, payload: Any, type_name: str = "hearing.held") -> list[str]:
    return [e["field"] for e in errors(pack, payload, type_name)]


def clean(pack: Pack, payload: Any, type_name: str = "hearing.held") -> dict[str, Any]:
    return validate_payload(pack, type_name, payload)
