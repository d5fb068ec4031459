"""Case numbers: formatting a pack's numbering format, with check digits where it has them.

A format is text with placeholders (``{year}``, ``{yy}``, ``{seq:07d}``, ``{office}``,
``{matter}``, ``{check}``). ``{check}`` is where the check digits go; the pack's
``numbering.check`` names the scheme that computes them. The one scheme so far:

``iso7064_mod97_10``: ISO 7064 MOD 97-10, two digits, computed over every other digit of
the number in the order they are written, as if the check digits stood at the end:
``check = 98 - (int(other_digits + "00") mod 97)``; a number is valid when
``int(other_digits + check) mod 97 == 1``. This is Brazil's CNJ unique number
(Resolução CNJ 65/2008, art. 1 §2 and annex VIII): ``NNNNNNN-DD.AAAA.J.TR.OOOO``, the
check ``DD`` computed over ``NNNNNNN AAAA J TR OOOO``. Published numbers it reproduces
(tests/rules/test_cnj_numbers_carry_mod_97_check_digits.py):
``0000002-65.2005.4.05.8100`` (Justiça Federal, TRF5, in the TJBA's explanation of the
conversion to the unique number) and ``0058967-77.2016.8.19.0000`` (TJRJ, the example of
the Business::BR::CNJ library). The scheme catches any single mistyped digit and any
swap of two adjacent digits (a property test checks both).

Pure Python, no Django: the docket calls it when it opens a case.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Literal

CheckScheme = Literal["iso7064_mod97_10"]
CHECK_SCHEMES: tuple[CheckScheme, ...] = ("iso7064_mod97_10",)
PLACEHOLDERS = frozenset({"year", "yy", "seq", "office", "matter", "check"})


@dataclass(frozen=True)
class NumberParts:
    """The values a format is filled with."""

    year: int
    seq: int
    office: str
    matter: str


class BadNumber(ValueError):
    """A typed number that does not fit the format, or whose check digits are wrong.
    ``rule`` says which: ``format`` or ``check_digits``."""

    def __init__(self, message: str, rule: Literal["format", "check_digits"]) -> None:
        super().__init__(message)
        self.rule = rule


def placeholders(fmt: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(fmt) if name}


def mod97_check(digits: str) -> str:
    """The two ISO 7064 MOD 97-10 check digits for ``digits`` (placed after them)."""
    if not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"{digits!r}: check digits are computed over digits only")
    return f"{98 - int(digits + '00') % 97:02d}"


def mod97_valid(digits: str, check: str) -> bool:
    """Whether ``check`` are the right MOD 97-10 check digits for ``digits``."""
    if not (f"{digits}{check}".isascii() and digits.isdigit() and len(check) == 2):
        return False
    if not check.isdigit():
        return False
    return int(digits + check) % 97 == 1


def format_number(fmt: str, parts: NumberParts, check: CheckScheme | None = None) -> str:
    """The number ``fmt`` gives for these values, with its check digits when it has
    a ``{check}`` place."""
    values = {
        "year": parts.year,
        "yy": f"{parts.year % 100:02d}",
        "seq": parts.seq,
        "office": parts.office,
        "matter": parts.matter,
    }
    if "check" not in placeholders(fmt):
        return fmt.format(**values)
    if check is None:
        raise ValueError(f"{fmt!r} has a {{check}} place but no check scheme is named")
    marker = "\x00\x00"
    draft = fmt.format(**values, check=marker)
    head, _sep, tail = draft.partition(marker)
    digits = _digits(head) + _digits(tail)
    return f"{head}{mod97_check(digits)}{tail}"


def shape(fmt: str, parts: NumberParts) -> re.Pattern[str]:
    """A pattern for numbers of this format: ``{seq:07d}`` is 7 digits, ``{year}`` 4,
    ``{yy}`` and ``{check}`` 2; ``{office}`` and ``{matter}`` have the shape of this
    court's own (a digit for each digit, a letter for each letter), so a number from
    another office of the same kind fits. The check digits are the group ``check``."""
    out = ["^"]
    for text, name, spec, _conv in string.Formatter().parse(fmt):
        out.append(re.escape(text))
        if name is None:
            continue
        if name == "seq":
            width = re.fullmatch(r"0?(\d+)d", spec or "")
            out.append(rf"\d{{{width[1]}}}" if width else r"\d+")
        elif name == "year":
            out.append(r"\d{4}")
        elif name == "yy":
            out.append(r"\d{2}")
        elif name == "check":
            out.append(r"(?P<check>\d{2})")
        else:
            out.append(_like(parts.office if name == "office" else parts.matter))
    out.append("$")
    return re.compile("".join(out))


def check_number(
    number: str, fmt: str, parts: NumberParts, check: CheckScheme | None = None
) -> None:
    """Refuse a typed ``number`` that does not have the format's shape, or whose check
    digits do not match the rest of it. Formats without ``{check}`` accept any number."""
    if "check" not in placeholders(fmt) or check is None:
        return
    example = format_number(fmt, parts, check)
    found = shape(fmt, parts).fullmatch(number)
    if found is None:
        raise BadNumber(f"write it as the court's numbers are written, like {example}", "format")
    start, end = found.span("check")
    digits = _digits(number[:start]) + _digits(number[end:])
    if not mod97_valid(digits, found["check"]):
        raise BadNumber(
            f"its check digits {found['check']} do not match the rest of the number "
            "(a digit mistyped, or two digits swapped?)",
            "check_digits",
        )


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _like(value: str) -> str:
    out = []
    for ch in value:
        if ch.isdigit():
            out.append(r"\d")
        elif ch.isalpha():
            out.append("[A-Za-z]")
        else:
            out.append(re.escape(ch))
    return "".join(out) or ".*"
