"""Load and validate rule packs from YAML.

Errors name the file, the line, the path inside the file and the rule broken, e.g.::

    xx.yaml: line 70: event_types.custody.arrested.fields.person.type:
    Input should be 'text', 'long_text', … (got 'persona')
    xx.yaml: line 167: deadlines[0] (id xx.presentation_to_judge).law.article:
    Field required

A pack that ``extends`` another is validated merged with it, but each problem is said
where its item is written: in the file that holds it, at its own index there (not its
place in the merged lists), with the item's ``id`` (or ``code``), and that file's name
when it is not the one checked. The lines are read again only when a pack fails.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from expediente.rules.schema import Pack, reference_problems

SHIPPED_DIR = Path(__file__).resolve().parent / "packs"


class RulePackError(Exception):
    """A pack that cannot be used, with every problem found in it."""

    def __init__(self, source: str, problems: list[str], *, names_checked: bool = True) -> None:
        self.source = source
        self.problems = problems
        # False when the pack was refused for its shape: the names it uses (stages, event
        # types, roles) are checked only on a pack that has its shape
        self.names_checked = names_checked
        super().__init__("\n".join(f"{source}: {p}" for p in problems))


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster


class _UniqueKeyLoader(_Base):  # type: ignore[valid-type,misc]
    """A YAML loader that refuses a key given twice in one mapping (YAML silently keeps one)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, Hashable):  # "? [a, b]": it was a TypeError, a traceback
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a name or a number, not a list or a mapping", mark
            )
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


class _Trace:
    """Where each part of a merged pack was written, gathered only to say where a pack
    that failed goes wrong: the files read (each with its own data), the line of every
    mapping and list and of each of their keys and items (by the object's id: the objects
    stay alive in the data as long as the trace does), and the sources of every mapping the
    merge made (the child's first)."""

    def __init__(self) -> None:
        self.files: list[tuple[str, Any]] = []
        self.lines: dict[int, tuple[int, dict[Any, int]]] = {}
        self.sources: dict[int, list[Any]] = {}
        # each list the merge made: where each of its items comes from (a list, an index)
        self.items: dict[int, list[tuple[list[Any], int]]] = {}
        self._where: dict[int, tuple[str, tuple[int | str, ...]]] | None = None

    def where(self, obj: Any) -> tuple[str, tuple[int | str, ...]] | None:
        """The file an object was read from and its path there."""
        if self._where is None:
            self._where = {}
            for name, root in self.files:
                _index(self._where, name, root, ())
        return self._where.get(id(obj))


def _index(
    into: dict[int, tuple[str, tuple[int | str, ...]]],
    name: str,
    obj: Any,
    loc: tuple[int | str, ...],
) -> None:
    """Note the path of each mapping and list in one file's data (the first, for an alias)."""
    if not isinstance(obj, dict | list) or id(obj) in into:
        return
    into[id(obj)] = (name, loc)
    items = obj.items() if isinstance(obj, dict) else enumerate(obj)
    for key, value in items:
        _index(into, name, value, (*loc, key))


class _TracingLoader(_UniqueKeyLoader):
    """The same reading, noting the line of each mapping and list and of what they hold
    (``trace`` is set on each instance)."""

    trace: _Trace


def _construct_traced_mapping(
    loader: _TracingLoader, node: yaml.MappingNode, deep: bool = False
) -> Any:
    data = _construct_mapping(loader, node, deep)
    keys = {loader.construct_object(k, deep=deep): k.start_mark.line + 1 for k, _v in node.value}
    loader.trace.lines[id(data)] = (node.start_mark.line + 1, keys)
    return data


def _construct_traced_sequence(
    loader: _TracingLoader, node: yaml.SequenceNode, deep: bool = False
) -> Any:
    data = loader.construct_sequence(node, deep=deep)
    items = {i: child.start_mark.line + 1 for i, child in enumerate(node.value)}
    loader.trace.lines[id(data)] = (node.start_mark.line + 1, items)
    return data


_TracingLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_traced_mapping
)
_TracingLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_traced_sequence
)


def _read_yaml(path: Path, trace: _Trace | None = None) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulePackError(str(path), [f"cannot read the file: {exc.strerror}"]) from exc
    except UnicodeDecodeError as exc:
        raise RulePackError(str(path), ["the file is not UTF-8 text"]) from exc
    try:
        if trace is None:
            data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
        else:
            loader = _TracingLoader(text)
            loader.trace = trace
            try:
                data = loader.get_single_data()
            finally:
                loader.dispose()
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        if mark is not None:
            where = f"line {mark.line + 1}, column {mark.column + 1}: "
        problem = getattr(exc, "problem", None) or str(exc)
        raise RulePackError(str(path), [f"{where}not valid YAML: {problem}"]) from exc
    if not isinstance(data, dict):
        raise RulePackError(str(path), ["the top level must be a mapping (pack: …, version: …)"])
    if trace is not None:
        trace.files.append((str(path), data))
    return data


# the lists a pack that extends another merges item by item, and the key naming an item
KEYED_LISTS = {"stages": "id", "deadlines": "id", "offences": "code"}


def _key(item: Any, key: str) -> Hashable | None:
    """The item's ``key``; None for an item the merge cannot match (not a mapping, without
    the key, or a key that is a list or a mapping): kept as it is, for the checks to say."""
    value = item.get(key) if isinstance(item, dict) else None
    return value if isinstance(value, Hashable) else None


def _by_key(items: Iterable[Any], key: str) -> dict[Hashable, dict[str, Any]]:
    """The items with a key, by it (the first of two with one key: a file that gives a key
    twice is refused, ``_repeated``)."""
    found: dict[Hashable, dict[str, Any]] = {}
    for item in items:
        value = _key(item, key)
        if value is not None:
            found.setdefault(value, item)
    return found


def _merge_items(
    old: list[Any], new: list[Any], key: str, replaced: set[Hashable]
) -> list[tuple[list[Any], int]]:
    """Where each item of a merged list comes from (its list and its index there): the
    parent's items, each replaced in its place by the child's item with its key, then the
    child's other items in their order, without the parent's items the child ``replaced``.
    No item is dropped otherwise: one without a key, or a second one with a key the
    child's list gave already (refused: ``_repeated``), stays for the checks."""
    merged = [(old, i) for i in range(len(old))]
    place: dict[Hashable, int] = {}
    for i, item in enumerate(old):
        value = _key(item, key)
        if value is not None:
            place.setdefault(value, i)
    overridden: set[Hashable] = set()
    for j, item in enumerate(new):
        value = _key(item, key)
        if value is not None and value in place and value not in overridden:
            merged[place[value]] = (new, j)
            overridden.add(value)
        else:
            merged.append((new, j))
    gone = {place[r] for r in replaced if r in place and r not in overridden}
    return [origin for i, origin in enumerate(merged) if i not in gone]


def _replaced(items: list[Any]) -> set[Hashable]:
    """The ids the child's deadlines name in ``replaces``."""
    out: set[Hashable] = set()
    for item in items:
        named = item.get("replaces") if isinstance(item, dict) else None
        if isinstance(named, list):
            out.update(r for r in named if isinstance(r, Hashable))
    return out


def _merge(
    parent: dict[str, Any], child: dict[str, Any], trace: _Trace | None = None
) -> dict[str, Any]:
    """A child pack overrides its parent: maps by key, lists of stages, deadlines and
    offences by their id or code; a child stage given with its id alone keeps the parent's.
    ``trace``: each mapping made of two is noted with its sources, the child's first."""

    def both(new: dict[Any, Any], first: Any, second: Any) -> dict[Any, Any]:
        if trace is not None:
            trace.sources[id(new)] = [first, second]
        return new

    def items(origins: list[tuple[list[Any], int]]) -> list[Any]:
        new = [source[i] for source, i in origins]
        if trace is not None:
            trace.items[id(new)] = origins
        return new

    merged = both({k: v for k, v in parent.items() if k != "extends"}, child, parent)
    for key, value in child.items():
        old = merged.get(key)
        if (
            key in ("event_types", "roles", "disclosure")
            and isinstance(old, dict)
            and isinstance(value, dict)
        ):
            merged[key] = both({**old, **value}, value, old)
        elif key == "stages" and isinstance(old, list) and isinstance(value, list):
            parents = _by_key(old, "id")
            merged[key] = items([(value, i) for i in range(len(value))])
            for i, s in enumerate(value):
                if isinstance(s, dict):
                    parent_stage = parents.get(_key(s, "id"), {})
                    merged[key][i] = both({**parent_stage, **s}, s, parent_stage)
        elif key in ("deadlines", "offences") and isinstance(old, list) and isinstance(value, list):
            # a national rule may replace a baseline one
            replaced = _replaced(value) if key == "deadlines" else set()
            merged[key] = items(_merge_items(old, value, KEYED_LISTS[key], replaced))
        elif key == "calendar" and isinstance(old, dict) and isinstance(value, dict):
            merged[key] = both({**old, **value}, value, old)
        else:
            merged[key] = value
    return merged


Loc = tuple[int | str, ...]


@dataclass(frozen=True)
class _Repeated:
    """Two items of one list of one file with the same key: the items ``first`` and
    ``second`` of the list ``name`` in ``file`` both give ``key`` as ``value``."""

    file: str
    name: str
    key: str
    value: Hashable
    first: int
    second: int


def _repeated(file: str, data: dict[str, Any]) -> list[_Repeated]:
    """Each item of a keyed list of one file (``KEYED_LISTS``) whose key an earlier item
    of that list gives. Which of them the key names is not said, so the file is refused
    (merged, the key once named the last and the first was lost without a word). A child
    giving the key of an item of the pack it extends overrides that item: another file."""
    out = []
    for name, key in KEYED_LISTS.items():
        items = data.get(name)
        if not isinstance(items, list):
            continue
        first: dict[Hashable, int] = {}
        for i, item in enumerate(items):
            value = _key(item, key)
            if value is None:
                continue
            if value in first:
                out.append(_Repeated(file, name, key, value, first[value], i))
            else:
                first[value] = i
    return out


# problems said of one pack: a pack broken all over (a wrong indentation) is not a
# thousand lines of them; the count of the rest is said
MAX_PROBLEMS = 50
_MISSING = object()


def _child(obj: Any, part: int | str) -> Any:
    if isinstance(obj, dict) and part in obj:
        return obj[part]
    if isinstance(obj, list) and isinstance(part, int) and 0 <= part < len(obj):
        return obj[part]
    return _MISSING


def _source_holding(trace: _Trace, obj: Any, part: int | str) -> tuple[Any, int | str]:
    """``obj`` and ``part``; for a mapping the merge made, the source that holds ``part``
    (the child's when none does: what is missing is missing there); for a list it made,
    the list the item ``part`` comes from and its index there."""
    while True:
        if id(obj) in trace.sources:
            sources = trace.sources[id(obj)]
            obj = next((s for s in sources if isinstance(s, dict) and part in s), sources[0])
        elif id(obj) in trace.items and isinstance(part, int) and 0 <= part < len(obj):
            obj, part = trace.items[id(obj)][part]
        else:
            return obj, part


def _locate(trace: _Trace, merged: Any, loc: Loc) -> tuple[str, Loc] | None:
    """The file that holds what ``loc`` names in the merged pack, and its path there."""
    found: tuple[str, Loc, int] | None = None
    obj = merged
    for i in range(len(loc) + 1):
        # the merged mapping's own values are its sources' (the merge copies no value),
        # and so are a merged list's items
        if i < len(loc):
            source, part = _source_holding(trace, obj, loc[i])
            here = trace.where(source)
            if here is not None:
                found = (here[0], (*here[1], part), i + 1)
        elif (here := trace.where(obj)) is not None:
            found = (here[0], here[1], i)
        if i == len(loc):
            break
        obj = _child(obj, loc[i])
        if obj is _MISSING:
            break
    if found is None:
        return None
    name, at, used = found
    return name, (*at, *loc[used:])


def _describe(trace: _Trace | None, name: str | None, loc: Loc) -> tuple[str, int | None]:
    """``loc`` written out (``deadlines[0] (id cr.x).law``), each list item with its id or
    code, and the line of the deepest part the file has (None: the top level)."""
    obj = dict(trace.files).get(name) if trace is not None and name is not None else _MISSING
    out, line = "", None
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
        lines = trace.lines.get(id(obj)) if trace is not None and obj is not _MISSING else None
        if lines is not None and part in lines[1]:
            line = lines[1][part]
        obj = _child(obj, part)
        if isinstance(part, int) and isinstance(obj, dict):
            for key in ("id", "code"):
                if isinstance(obj.get(key), str):
                    out += f" ({key} {obj[key]})"
                    break
    return out or "(top level)", line


def _parse_where(where: str, data: Any) -> Loc | None:
    """A path written as the references check writes it (``event_types.custody.arrested
    .stages[1]``) as its parts: a key with dots in it read as the longest key there is."""
    parts: list[int | str] = []
    obj, rest = data, where
    try:
        while rest:
            part: int | str
            if rest.startswith("["):
                end = rest.index("]")
                part, rest = int(rest[1:end]), rest[end + 1 :]
            else:
                rest = rest.removeprefix(".")
                cuts = [i for i in (rest.find("."), rest.find("[")) if i >= 0]
                part = rest[: min(cuts, default=len(rest))]
                if isinstance(obj, dict):
                    keys = [
                        k
                        for k in obj
                        if isinstance(k, str)
                        and rest.startswith(k)
                        and rest[len(k) : len(k) + 1] in ("", ".", "[")
                    ]
                    part = max(keys, key=len, default=part)
                rest = rest[len(part) :]
            parts.append(part)
            obj = _child(obj, part)
    except ValueError:
        return None
    return tuple(parts)


def _said_repeated(trace: _Trace | None, path: Path, twice: _Repeated) -> str:
    """A key given twice in one list, said at the second item, naming both places."""
    places = []
    for i in (twice.first, twice.second):
        line = _describe(trace, twice.file, (twice.name, i, twice.key))[1]
        places.append(f"{twice.name}[{i}]" if line is None else f"line {line} ({twice.name}[{i}])")
    text, line = _describe(trace, twice.file, (twice.name, twice.second, twice.key))
    head = [twice.file] if twice.file != str(path) else []  # the pack it extends
    head += [f"line {line}"] if line is not None else []
    message = (
        f"{twice.key} {twice.value!r} is given twice in {twice.name}, at {places[0]} and "
        f"{places[1]}: each {twice.key} names one item, so give it once in a list (a pack "
        f"that extends another overrides an inherited item by giving its {twice.key} in "
        "its own file)"
    )
    return f"{', '.join(head)}: {text}: {message}" if head else f"{text}: {message}"


def _said(
    path: Path,
    search: list[Path],
    found: list[tuple[Loc | str, str]],
    repeated: list[_Repeated] | None = None,
) -> list[str]:
    """Each problem (at its path in the merged pack, as pydantic's location or as the
    references check writes it) where it is written, after each key ``repeated`` in one
    of the files: read the pack again noting lines."""
    trace: _Trace | None = _Trace()
    merged: Any = None
    try:
        merged = _resolve(path, search, trace=trace)
    except RulePackError:  # the file changed since: say the paths as merged
        trace = None
    twice = repeated or []
    out = [_said_repeated(trace, path, r) for r in twice[:MAX_PROBLEMS]]
    for where, message in found[: max(0, MAX_PROBLEMS - len(twice))]:
        loc = _parse_where(where, merged) if isinstance(where, str) else where
        located = _locate(trace, merged, loc) if trace is not None and loc is not None else None
        if located is None:  # as the merged pack has it
            text = where if isinstance(where, str) else _describe(None, None, where)[0]
            out.append(f"{text}: {message}")
            continue
        name, at = located
        text, line = _describe(trace, name, at)
        head = [name] if name != str(path) else []  # an item of the pack it extends
        head += [f"line {line}"] if line is not None else []
        out.append(f"{', '.join(head)}: {text}: {message}" if head else f"{text}: {message}")
    if len(twice) + len(found) > MAX_PROBLEMS:
        out.append(f"… and {len(twice) + len(found) - MAX_PROBLEMS} more problem(s) not shown")
    return out


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


def _resolve(
    path: Path,
    search: list[Path],
    chain: tuple[str, ...] = (),
    trace: _Trace | None = None,
    files: list[tuple[str, dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """The pack in ``path`` merged with those it extends; ``files``: each file read (its
    name and data, the pack's own first) is added to it."""
    data = _read_yaml(path, trace)
    if files is not None:
        files.append((str(path), data))
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
    parent = _resolve(parent_path, search, here, trace, files)
    return _merge(parent, data, trace)


def load_pack_file(path: Path | str, extra_dirs: Iterable[Path] = ()) -> Pack:
    """Load, merge with the packs it extends, and validate one pack file. Refused with
    every problem pydantic finds (each item of each list is checked), or, once the pack
    has its shape, with every reference that does not resolve, each said where it is
    written (``_said``); either way with each key one list of one of its files gives
    twice (``_repeated``)."""
    path = Path(path)
    search = _search_dirs(extra_dirs)
    files: list[tuple[str, dict[str, Any]]] = []
    data = _resolve(path, search, files=files)
    repeated = [twice for name, raw in files for twice in _repeated(name, raw)]
    try:
        pack = Pack.model_validate(data, context={"defer_references": True})
    except ValidationError as exc:
        found: list[tuple[Loc | str, str]] = []
        for err in exc.errors():
            msg = err["msg"].removeprefix("Value error, ")
            got = ""
            if err["type"] not in ("missing", "value_error") and not isinstance(
                err.get("input"), dict | list
            ):
                got = f" (got {err.get('input')!r})"
            found.append((tuple(err["loc"]), f"{msg}{got}"))
        raise RulePackError(
            str(path), _said(path, search, found, repeated), names_checked=False
        ) from exc
    # a key given twice in a list is said here with both places (``_repeated``)
    references = reference_problems(pack, repeated_keys=False) + _unreplaced(pack, files)
    if references or repeated:
        raise RulePackError(str(path), _said(path, search, list(references), repeated))
    return pack


def _unreplaced(pack: Pack, files: list[tuple[str, dict[str, Any]]]) -> list[tuple[Loc, str]]:
    """Each id a deadline of this pack ``replaces`` that takes nothing out (``files``: the
    pack's own first, then those it extends, parent first): an id no pack it extends gives
    (a typing mistake), one the pack it extends had already replaced, or one this pack
    gives itself (the merge keeps a pack's own rule). Each replaced nothing, without a
    word, and both rules applied, the inherited one and the national one."""

    def ids(raw: Any, field: str) -> set[Any]:
        items = raw.get("deadlines") if isinstance(raw, dict) else None
        found: set[Any] = set()
        for item in items if isinstance(items, list) else []:
            if field == "id":
                found.add(_key(item, "id"))
            elif isinstance(item, dict) and isinstance(item.get(field), list):
                found.update(r for r in item[field] if isinstance(r, Hashable))
        return found

    inherited: set[Any] = set()  # the rules alive in the pack this one extends, merged
    given: set[Any] = set()  # every id an ancestor gives, replaced since or not
    for _name, raw in reversed(files[1:]):
        own = ids(raw, "id")
        inherited = (inherited - ids(raw, "replaces")) | own
        given |= own
    own = ids(files[0][1], "id") if files else set()
    parent = files[1][1].get("pack", files[1][0]) if len(files) > 1 else None
    found: list[tuple[Loc, str]] = []
    for i, rule in enumerate(pack.deadlines):
        if rule.id not in own:
            continue  # inherited: its replaces took out what they named, a level up
        for j, named in enumerate(rule.replaces):
            if named in inherited and named not in own:
                continue
            if rule.id in inherited and named in given and named not in inherited:
                continue  # a rule overridden whole, its replaces copied: taken out above

            if parent is None:
                why = f"{named!r} replaces nothing: this pack extends no other"
            elif named in own:
                why = (
                    f"{named!r} is a deadline this pack gives itself, which replaces takes "
                    "out of what it inherits only: give the rule once"
                )
            elif named in given:
                why = f"{named!r} was already replaced by the pack this one extends ({parent})"
            else:
                why = f"{named!r} is not a deadline of the pack this one extends ({parent})"
            found.append(
                (
                    ("deadlines", i, "replaces", j),
                    f"{why}; nothing would be replaced and both rules would apply",
                )
            )
    return found


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
