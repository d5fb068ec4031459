"""How a rule's legal source is cited to a reader: one form on every page and message.

A pack's ``law`` has the source's ``text`` ("Código Procesal Penal", or a whole citation
such as "American Convention on Human Rights art. 7(6); ICCPR art. 9(4)") and its
``article``: a number ("258"), cited "art. 258", or a locator written out ("¶72(c)",
"ACHR 7(6); ICCPR 9(4)"), cited in brackets, unless the text already names each of
its numbers, in which case it would only repeat them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

# the parts of a locator that name a provision: "7(6)", "35", "72(c)"
_NUMBERED = re.compile(r"[0-9][0-9A-Za-z().]*")


def cite(text: str, article: str) -> str:
    """``text`` with its ``article``, e.g. cite("Código Procesal Penal", "258") is
    "Código Procesal Penal art. 258"."""
    text, article = text.strip(), article.strip()
    if not article:
        return text
    if article[:1].isdigit():
        return f"{text} art. {article}".strip()
    numbers = _NUMBERED.findall(article)
    if numbers and all(_names(text, n) for n in numbers):
        return text
    return f"{text} ({article})" if text else article


def cite_law(law: Any, language: str) -> str:
    """A rule's ``law`` (the pack's, or as a deadline row stores it: a dict with ``text``,
    ``article`` and perhaps ``cited``) cited in ``language``: its ``cited`` wording in that
    language where the pack gives one, else ``cite(text, article)``."""
    text, article, wording = _parts(law, language)
    return wording or cite(text, article)


def cite_laws(laws: Iterable[Any], language: str) -> list[tuple[str, list[Any]]]:
    """Several rules' sources cited once each, in the order first met, each with the
    laws it cites: the same citation twice is one, and numbered articles of one source
    are cited under its name once ("Código Procesal Penal (Ley 7594) art. 253; art.
    243(e); art. 257(b)(c), 258"). A source with its own wording in ``language``
    (``cited``), or a locator that is not a number, stays whole."""
    names: dict[str, tuple[list[str], list[Any]]] = {}  # a name or a whole citation
    for law in laws:
        text, article, wording = _parts(law, language)
        numbered = bool(not wording and text.strip() and article.strip()[:1].isdigit())
        articles, cited = names.setdefault(
            text.strip() if numbered else cite_law(law, language), ([], [])
        )
        cited.append(law)
        if numbered and article.strip() not in articles:
            articles.append(article.strip())
    return [
        (f"{name} {'; '.join(f'art. {a}' for a in articles)}" if articles else name, cited)
        for name, (articles, cited) in names.items()
    ]


def stored_law(law: Any) -> dict[str, Any]:
    """A rule's ``law`` as a deadline row keeps it (``cite_law`` reads it back)."""
    row: dict[str, Any] = {"text": law.text, "article": law.article, "flag": law.flag}
    if law.cited:
        row["cited"] = dict(law.cited)
    return row


def law_name(law: Any, language: str) -> str:
    """The source as a sentence names it ("the law says “without delay” (…)"): its
    ``cited`` wording in ``language``, else its ``text``."""
    text, _article, wording = _parts(law, language)
    return wording or text


def _parts(law: Any, language: str) -> tuple[str, str, str]:
    """(text, article, the ``cited`` wording in ``language`` or "") of a ``Law`` or of a
    deadline row's dict."""
    if isinstance(law, Mapping):
        text, article, cited = law.get("text"), law.get("article"), law.get("cited")
    else:
        text, article, cited = law.text, law.article, law.cited
    wording = (cited or {}).get(language[:2]) or ""
    return str(text or ""), str(article or ""), str(wording)


def _names(text: str, number: str) -> bool:
    """Does ``text`` name this number on its own (not as part of a longer one)?"""
    return re.search(rf"(?<![0-9A-Za-z]){re.escape(number)}(?![0-9])", text) is not None
