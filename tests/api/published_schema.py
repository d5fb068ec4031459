"""Check an answer against the JSON Schema the OpenAPI document publishes for it.

A small validator for the parts of JSON Schema ninja writes (``$ref``, ``anyOf``,
``type``, ``properties``, ``required``, ``items``, ``enum``, ``const``): enough to see
that what a client reads is what the document promised it.
"""

from __future__ import annotations

from typing import Any

TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def mismatches(
    document: dict[str, Any], schema: dict[str, Any], value: Any, at: str = ""
) -> list[str]:
    """Where ``value`` breaks ``schema`` (empty when it conforms)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return mismatches(document, document["components"]["schemas"][name], value, at)
    if "anyOf" in schema:
        tries = [mismatches(document, option, value, at) for option in schema["anyOf"]]
        return [] if any(not t for t in tries) else [f"{at or '/'}: matches no anyOf: {tries}"]
    if "const" in schema and value != schema["const"]:
        return [f"{at or '/'}: {value!r} is not {schema['const']!r}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{at or '/'}: {value!r} is not one of {schema['enum']!r}"]
    kind = schema.get("type")
    if kind is not None:
        allowed = TYPES[kind]
        if not isinstance(value, allowed) or (
            kind in ("integer", "number") and isinstance(value, bool)
        ):
            return [f"{at or '/'}: {value!r} is not {kind}"]
    out: list[str] = []
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                out.append(f"{at}/{name}: is required")
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                out += mismatches(document, sub, value[name], f"{at}/{name}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            out += mismatches(document, schema["items"], item, f"{at}/{i}")
    return out


def response_schema(
    document: dict[str, Any], path: str, method: str, status: int
) -> dict[str, Any]:
    responses = document["paths"][path][method]["responses"]
    return responses[str(status)]["content"]["application/json"]["schema"]
