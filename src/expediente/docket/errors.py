"""Domain errors of the docket. One place (api/problems.py) maps them to HTTP."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from django.utils.translation import gettext_noop


class Words(NamedTuple):
    """What is wrong with a field, in words a court form says in its reader's language:
    ``text`` is marked for translation (``gettext_noop``) where it is written, and
    ``params`` fill it, dates and moments as such (a form writes them in the reader's
    language and on the court's clock; the API's English message writes them ISO 8601).
    A parameter may itself be ``Words``: a refusal quoted inside another; or a list of
    such values (labels), said one after the other, separated by commas."""

    text: str
    params: dict[str, Any]

    def english(self) -> str:
        return self.text % {k: _plain(v) for k, v in self.params.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, Words):  # a refusal quoted inside another
        return value.english()
    if isinstance(value, dict):  # a rule pack's label, by language
        return f"“{value.get('en') or next(iter(value.values()), '')}”"
    if isinstance(value, list):  # several labels: "“Adult”, “Juvenile”"
        return ", ".join(str(_plain(v)) for v in value)
    return value.isoformat() if isinstance(value, dt.date) else value


class DocketError(Exception):
    """Base class: a request the docket refuses, with a message a person can act on.
    ``errors`` name each failing field and what is wrong, in English (the API's);
    ``words`` has, by field, the same in translatable words for the court's forms."""

    title = "Request refused"
    code = "refused"

    def __init__(
        self,
        message: str,
        *,
        errors: list[dict[str, str]] | None = None,
        words: dict[str, Words] | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or []
        self.words = words or {}
        # members the API's problem adds beside the standard ones (RFC 9457 section 3.2),
        # listed with the problem's type in ``problem_types``
        self.extensions = extensions or {}


class InvalidInput(DocketError):
    title = "Invalid input"
    code = "invalid"

    @classmethod
    def of(cls, field: str, words: Words, summary: str = "") -> InvalidInput:
        """The refusal of one field, said in ``words``."""
        message = words.english()
        return cls(
            summary or f"{field}: {message}",
            errors=[{"field": field, "message": message}],
            words={field: words},
        )


class NotAllowedInStage(DocketError):
    title = "Not allowed in the current stage"
    code = "stage"


class NotFound(DocketError):
    title = "Not found"
    code = "not-found"


class Conflict(DocketError):
    title = "Conflict"
    code = "conflict"


class IdempotencyConflict(Conflict):
    title = "Idempotency key reused with a different request"
    code = "idempotency"


class SequenceConflict(Conflict):
    title = "Stale or duplicate sequence"
    code = "sequence"


class Superseded(Conflict):
    """A correction of an entry that was corrected since (``latest`` is the one the case
    now holds)."""

    title = "Entry already corrected"
    code = "superseded"

    def __init__(self, message: str, *, latest: int, **kwargs: Any) -> None:
        super().__init__(message, extensions={"latest": latest}, **kwargs)


class PermissionDenied(DocketError):
    title = "Permission denied"
    code = "forbidden"


def later_entry(
    seq: int | None,
    why: Words,
    label: dict[str, str] | None = None,
    when: dt.datetime | None = None,
) -> Words:
    """A refusal because a later entry of the case could not have happened after this
    one, in a court form's words (``why`` is what is wrong with that entry; ``when``, the
    moment this entry was given)."""
    if label and when:
        return Words(
            gettext_noop(
                "with this entry on %(when)s, the later entry %(seq)s (%(label)s) could not "
                "have happened: %(why)s"
            ),
            {"seq": seq, "label": label, "why": why, "when": when},
        )
    return Words(
        gettext_noop("with this entry, the later entry %(seq)s could not have happened: %(why)s"),
        {"seq": seq, "why": why},
    )
