"""Every text a shipped pack gives per language is given in all four the site offers
(es, en, pt, fr): a reader in Portuguese or French never meets a Spanish label or
explanation because the pack had no words for them (the portal and the court's pages
fall back to Spanish for a missing language, the deadline sentences to English).

The kinds of text covered are every localized mapping of the loaded pack, which is each
one participants, judges and clerks read: the pack's name, role labels, stage labels and
explanations, event type labels and explanations, field labels and help, choice option
labels, the question a ``one_of`` group of fields asks, deadline labels and plain words
(what the date means), a policy rule's words of the law (``says``), a source's citation
by its official name in each language (``cited``: a treaty), offence labels, and the
name of the service a person in danger calls (``emergency``), and what a foreign
national held is told of their right to consular notification (``consular_notification``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from expediente.rules.loader import load_pack, shipped_pack_ids
from expediente.rules.schema import LANGS

# (model, field) of every kind of localized text there is; the walk must meet them all,
# so a pack schema that grows a new kind is covered when it is used.
KINDS = {
    ("Pack", "name"),
    ("Pack", "roles"),
    ("Stage", "label"),
    ("Stage", "explain"),
    ("EventType", "label"),
    ("EventType", "explain"),
    ("FieldSpec", "label"),
    ("FieldSpec", "help"),
    ("FieldSpec", "option_labels"),
    ("OneOf", "label"),
    ("Deadline", "label"),
    ("Deadline", "plain"),
    ("Law", "says"),
    ("Law", "cited"),
    ("Offence", "label"),
    ("Emergency", "name"),
    ("ConsularNotification", "plain"),
}


def _localized(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and set(value) <= set(LANGS)
        and all(isinstance(v, str) for v in value.values())
    )


def texts(node: Any, path: str = "", kind: tuple[str, str] = ("", "")) -> Iterator[Any]:
    """(path, kind, mapping) for every localized mapping under ``node``."""
    if _localized(node):
        yield path, kind, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from texts(getattr(node, name), f"{path}.{name}", (type(node).__name__, name))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from texts(value, f"{path}.{key}", kind)
    elif isinstance(node, list | tuple):
        for i, value in enumerate(node):
            name = getattr(value, "id", None) or getattr(value, "code", None) or i
            yield from texts(value, f"{path}[{name}]", kind)


@pytest.mark.parametrize("pack_id", shipped_pack_ids())
def test_every_text_is_in_every_language(pack_id: str) -> None:
    pack = load_pack(pack_id)
    found = list(texts(pack, pack_id))
    missing = [
        f"{path}: {sorted(set(LANGS) - set(mapping))}"
        for path, _kind, mapping in found
        if set(mapping) != set(LANGS)
    ]
    assert not missing, "\n".join(missing)
    empty = [path for path, _kind, mapping in found if not all(v.strip() for v in mapping.values())]
    assert not empty, empty


def test_the_walk_meets_every_kind_of_text() -> None:
    seen = {kind for pack_id in shipped_pack_ids() for _, kind, _ in texts(load_pack(pack_id))}
    assert seen >= KINDS, KINDS - seen
    assert seen <= KINDS, f"a new kind of text: add it to KINDS and the docstring: {seen - KINDS}"


def test_brazils_own_texts_are_in_portuguese() -> None:
    pack = load_pack("br")
    own = [
        *(d.label for d in pack.deadlines if d.id.startswith("br.")),
        *(o.label for o in pack.offences),
        pack.event_types["custody.flagrant_notified"].explain,
        pack.event_types["custody.internment_reassessed"].explain,
    ]
    assert own
    assert all(text and text.get("pt") for text in own)
