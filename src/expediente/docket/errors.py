"""Domain errors of the docket. One place (api/problems.py) maps them to HTTP."""

from __future__ import annotations


class DocketError(Exception):
    """Base class: a request the docket refuses, with a message a person can act on."""

    title = "Request refused"
    code = "refused"

    def __init__(self, message: str, *, errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or []


class InvalidInput(DocketError):
    title = "Invalid input"
    code = "invalid"


class NotAllowedInStage(DocketError):
    title = "Not allowed in the current stage"
    code = "stage"


class NotFound(DocketError):
    title = "Not found"
    code = "not_found"


class Conflict(DocketError):
    title = "Conflict"
    code = "conflict"


class IdempotencyConflict(Conflict):
    title = "Idempotency key reused with a different request"
    code = "idempotency"


class SequenceConflict(Conflict):
    title = "Stale or duplicate sequence"
    code = "sequence"


class PermissionDenied(DocketError):
    title = "Permission denied"
    code = "forbidden"
