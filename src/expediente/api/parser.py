"""Request bodies: JSON (RFC 8259) and nothing else.

Python's ``json`` module accepts more than JSON: ``NaN``, ``Infinity``, numbers that
overflow to infinity, lone UTF-16 surrogates (``"\\ud800"``) and repeated keys. None of
them can be hashed into the docket's chain or stored as text, so they are refused here,
with a message that says what is wrong, before any route sees the body.
"""

from __future__ import annotations

import json
import math
from typing import Any, NoReturn

from django.http import HttpRequest
from ninja.parser import Parser


class BodyError(Exception):
    """A body the API cannot read; ``problems`` turns it into a problem response."""

    def __init__(self, status: int, title: str, detail: str, code: str) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.code = code


def _malformed(detail: str) -> BodyError:
    return BodyError(400, "Malformed JSON", f"the body is not valid JSON: {detail}", "malformed")


def _constant(name: str) -> NoReturn:
    raise _malformed(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _malformed(f"the number {text[:40]} is too large")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _malformed(f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


def _is_json_media_type(content_type: str) -> bool:
    return content_type == "application/json" or (
        content_type.startswith("application/") and content_type.endswith("+json")
    )


class JsonParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        if not _is_json_media_type(request.content_type or ""):
            raise BodyError(
                415,
                "Unsupported media type",
                f"send the body as JSON with 'Content-Type: application/json' "
                f"(got {request.content_type or 'no content type'!r})",
                "media-type",
            )
        return loads(request.body)


def loads(raw: bytes | str) -> Any:
    """JSON text as RFC 8259 defines it, or ``BodyError`` saying what is wrong with it
    (a request's body, or a line of a file given to ``expediente import``)."""
    if isinstance(raw, bytes):
        # json.loads guesses UTF-16 and UTF-32 from bytes; RFC 8259 says UTF-8
        try:
            raw = raw.decode("utf-8-sig")  # a leading byte order mark is let pass
        except UnicodeDecodeError as exc:
            raise _malformed("it is not UTF-8 text") from exc
    try:
        data = json.loads(
            raw,
            parse_constant=_constant,
            parse_float=_finite,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as exc:
        raise _malformed(str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise _malformed("it is not UTF-8 text") from exc
    except RecursionError as exc:
        raise _malformed("it is nested too deeply") from exc
    except ValueError as exc:  # an integer with more digits than Python will read
        raise _malformed("a number in it has too many digits") from exc
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _malformed(
            "it contains a lone UTF-16 surrogate (an unpaired \\ud800–\\udfff)"
        ) from exc
    except RecursionError as exc:
        raise _malformed("it is nested too deeply") from exc
    return data
