"""Load and validate rule packs from YAML.

Errors name the file, the path inside it and the rule broken, e.g.::

    packs/cr.yaml: event_types.custody.arrested.fields.person.type:
    input should be 'text', 'long_text', … (got 'persona')
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from expediente.rules.schema import Pack, reference_problems

SHIPPED_DIR = Path(__file__).resolve().parent / "packs"


class RulePackError(Exception):
    """A pack that cannot be used, with every problem found in it."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}: {p}" for p in problems))


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster


class _UniqueKeyLoader(_Base):  # type: ignore[valid-type,misc]
    """A YAML loader that refuses a key given twice in one mapping (YAML silently keeps one)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} is given twice (line {mark.line + 1})", mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulePackError(str(path), [f"cannot read the file: {exc.strerror}"]) from exc
    except UnicodeDecodeError as exc:
        raise RulePackError(str(path), ["the file is not UTF-8 text"]) from exc
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        if mark is not None:
            where = f"line {mark.line + 1}, column {mark.column + 1}: "
        problem = getattr(exc, "problem", None) or str(exc)
        raise RulePackError(str(path), [f"{where}not valid YAML: {problem}"]) from exc
    if not isinstance(data, dict):
        raise RulePackError(str(path), ["the top level must be a mapping (pack: …, version: …)"])
    return data


def _by_key(items: Iterable[dict[str, Any]], key: str) -> dict[Any, dict[str, Any]]:
    return {item.get(key): item for item in items if isinstance(item, dict)}


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """A child pack overrides its parent: maps by key, lists of stages, deadlines and
    offences by their id or code; a child stage given with its id alone keeps the parent's."""
    merged = {k: v for k, v in parent.items() if k != "extends"}
    for key, value in child.items():
        old = merged.get(key)
        if (
            key in ("event_types", "roles", "disclosure")
            and isinstance(old, dict)
            and isinstance(value, dict)
        ):
            merged[key] = {**old, **value}
        elif key == "stages" and isinstance(old, list) and isinstance(value, list):
            parents = _by_key(old, "id")
            merged[key] = [
                {**parents.get(s.get("id"), {}), **s} if isinstance(s, dict) else s for s in value
            ]
        elif key in ("deadlines", "offences") and isinstance(old, list) and isinstance(value, list):
            ident = "id" if key == "deadlines" else "code"
            combined = _by_key(old, ident)
            combined.update(_by_key(value, ident))
            if key == "deadlines":  # a national rule may replace a baseline one
                for item in value:
                    replaced = item.get("replaces", []) if isinstance(item, dict) else []
                    for rid in replaced if isinstance(replaced, list) else []:
                        combined.pop(rid, None)
            merged[key] = list(combined.values())
        elif key == "calendar" and isinstance(old, dict) and isinstance(value, dict):
            merged[key] = {**old, **value}
        else:
            merged[key] = value
    return merged


def _format_loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def _pack_path(pack_id: str, search: list[Path]) -> Path:
    for directory in search:
        candidate = directory / f"{pack_id}.yaml"
        if candidate.is_file():
            return candidate
    raise RulePackError(pack_id, [f"no rule pack named {pack_id!r} in {[str(d) for d in search]}"])


def _search_dirs(extra: Iterable[Path] = ()) -> list[Path]:
    from django.conf import settings

    dirs = [Path(p) for p in extra]
    configured = getattr(settings, "EXPEDIENTE_RULE_PACK_DIRS", []) if settings.configured else []
    return [*dirs, *configured, SHIPPED_DIR]


def _resolve(path: Path, search: list[Path], chain: tuple[str, ...] = ()) -> dict[str, Any]:
    data = _read_yaml(path)
    parent_id = data.get("extends")
    if parent_id is None:
        return data
    if not isinstance(parent_id, str):
        raise RulePackError(str(path), ["extends: must be the id of another pack"])
    here = (*chain, str(data.get("pack", path.stem)))
    if parent_id in here:
        raise RulePackError(str(path), [f"extends: cycle {' -> '.join([*here, parent_id])}"])
    try:
        parent_path = _pack_path(parent_id, [path.parent, *search])
    except RulePackError as exc:
        raise RulePackError(str(path), [f"extends: {exc.problems[0]}"]) from exc
    parent = _resolve(parent_path, search, here)
    return _merge(parent, data)


def load_pack_file(path: Path | str, extra_dirs: Iterable[Path] = ()) -> Pack:
    """Load, merge with the packs it extends, and validate one pack file."""
    path = Path(path)
    data = _resolve(path, _search_dirs(extra_dirs))
    try:
        pack = Pack.model_validate(data, context={"defer_references": True})
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            msg = err["msg"].removeprefix("Value error, ")
            got = ""
            if err["type"] not in ("missing", "value_error") and not isinstance(
                err.get("input"), dict | list
            ):
                got = f" (got {err.get('input')!r})"
            problems.append(f"{_format_loc(err['loc'])}: {msg}{got}")
        raise RulePackError(str(path), problems) from exc
    references = reference_problems(pack)
    if references:
        raise RulePackError(str(path), [f"{where}: {msg}" for where, msg in references])
    return pack


@functools.cache
def load_pack(pack_id: str) -> Pack:
    """The validated pack with this id, from the configured directories or the shipped ones."""
    return load_pack_file(_pack_path(pack_id, _search_dirs()))


def shipped_pack_ids() -> list[str]:
    return sorted(p.stem for p in SHIPPED_DIR.glob("*.yaml"))


def available_pack_ids() -> list[str]:
    """Every pack a court can be given: the shipped ones and those in the folders of
    ``EXPEDIENTE_RULE_PACK_DIRS`` (which load_pack searches first)."""
    return sorted({p.stem for directory in _search_dirs() for p in directory.glob("*.yaml")})
