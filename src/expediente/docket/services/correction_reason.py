"""Why a correction was made: every new correction says it, in a few words.

An auditor reading the record sees an entry restated; the reason tells why (a mistyped
date, a name misspelt on the police report, the wrong courtroom). It is stored on the
correction (``Event.correction_reason``) and covered by its hash (``integrity/chain``).

The bounds are the project's, not a law's: at least 3 characters once trimmed ("x" or
"." tells an auditor nothing; "typo" is four) and at most 500 (a few sentences; the
reasons of a decision belong in the decision itself). Corrections recorded before this
rule have no reason: they are shown as "no reason recorded", never refused or rehashed.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.utils.translation import gettext_noop

from expediente.docket.errors import InvalidInput, Words

FIELD = "correction_reason"
REASON_MIN = 3
REASON_MAX = 500


def correction_reason(reason: Any, corrects_seq: int | None) -> str | None:
    """The reason as it will be recorded (trimmed), or None for an entry that corrects
    nothing; refuses, naming ``correction_reason``, a correction without one, a reason
    too short or too long, one that is not text, and a reason given for a new entry."""
    if corrects_seq is None:
        if reason is None:
            return None
        _refuse(
            gettext_noop("is only given with a correction (corrects)"),
            {},
            "is only given with a correction: send corrects, or leave correction_reason out",
        )
    if reason is None:
        _refuse(
            gettext_noop("say why the entry is corrected"),
            {},
            "is required for a correction: say why the entry is corrected",
        )
    if not isinstance(reason, str):
        _refuse(gettext_noop("must be text"), {}, "must be a string")
    # a browser sends a textarea's line breaks as CRLF: one kind of line break is recorded
    # (and hashed), and a reason on two lines is not "a control character"
    text = reason.replace("\r\n", "\n").replace("\r", "\n").strip()
    if "\x00" in text or any(not (c.isprintable() or c in "\n\t") for c in text):
        _refuse(
            gettext_noop("may not contain control or invisible characters"),
            {},
            "may not contain control or invisible characters",
        )
    if len(text) < REASON_MIN:
        _refuse(
            gettext_noop("say why the entry is corrected, in at least %(least)s characters"),
            {"least": REASON_MIN},
            f"must be at least {REASON_MIN} characters once trimmed",
        )
    if len(text) > REASON_MAX:
        _refuse(
            gettext_noop("may have at most %(most)s characters (it has %(has)s)"),
            {"most": REASON_MAX, "has": len(text)},
            f"may have at most {REASON_MAX} characters (it has {len(text)})",
        )
    return text


def _refuse(text: str, params: dict[str, Any], english: str) -> NoReturn:
    raise InvalidInput.of(FIELD, Words(text, params), f"{FIELD} {english}")
