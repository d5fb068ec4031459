"""How a rule's legal source is cited to a reader: one form on every page and message.

A pack's ``law`` has the source's ``text`` ("Código Procesal Penal", or a whole citation
such as "American Convention on Human Rights art. 7(6); ICCPR art. 9(4)") and its
``article``: a number ("258"), cited "art. 258", or a locator written out ("¶72(c)",
"ACHR 7(6); ICCPR 9(4)"), cited in brackets, unless the text already names each of
its numbers, in which case it would only repeat them.
"""

from __future__ import annotations

import re

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


def _names(text: str, number: str) -> bool:
    """Does ``text`` name this number on its own (not as part of a longer one)?"""
    return re.search(rf"(?<![0-9A-Za-z]){re.escape(number)}(?![0-9])", text) is not None
