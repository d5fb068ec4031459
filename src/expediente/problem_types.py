"""Every kind of problem the server answers (RFC 9457 ``type``), with what it means and
what to do about it.

A problem's ``type`` is a path on the server itself, ``/problems/<code>``: the page
there (``api/problem_pages.py``) says the same as this table, in the reader's language.
RFC 9457 section 3.1.1 allows a relative reference with its full path; it names the same
kind of problem on every installation, and a client compares it as a string. Codes are
lower case words joined by hyphens. A code answered anywhere must be listed here (a test
reads every ``code=`` and ``code =`` in the sources).

This module imports nothing of Django but its lazy translation, and reads no setting
when imported, so that the server's own refusals (``portal/gunicorn_worker.py``,
``chunked_bodies.py``, imported by ``wsgi.py``) can use it before Django is set up.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


def gettext_noop(message: str) -> str:
    """Marks a title for ``makemessages`` (Django's own reads ``USE_I18N``, a setting,
    which a WSGI server importing ``wsgi.py`` may not have configured yet)."""
    return message


PATH = "/problems/"


@dataclass(frozen=True)
class ProblemType:
    code: str
    statuses: tuple[int, ...]
    title: str
    """In English, as every problem of this kind says it (RFC 9457: the title does not
    change from one occurrence to the next); the page says it in its reader's language."""
    means: Promise
    to_do: Promise
    members: tuple[tuple[str, Promise], ...] = ()
    """Members beside the standard ones (RFC 9457 section 3.2), with what each holds."""


def type_uri(code: str) -> str:
    """The ``type`` of a problem with this code."""
    return PATH + code


_ERRORS = (
    "errors",
    _("a list of the fields at fault: each with field (its path, as you sent it) and message"),
)

TYPES: dict[str, ProblemType] = {
    t.code: t
    for t in (
        ProblemType(
            "invalid",
            (422,),
            gettext_noop("Invalid input"),
            _(
                "The body or a query parameter does not match what the route accepts, or the "
                "entry contradicts the case's record (a verdict dated before its trial, a "
                "correction that changes nothing, an unknown court or offence)."
            ),
            _(
                "Read errors: each names a field as you sent it and the rule it broke. Change "
                "those fields and send the request again. Nothing was recorded."
            ),
            (_ERRORS,),
        ),
        ProblemType(
            "stage",
            (409,),
            gettext_noop("Not allowed in the current stage"),
            _(
                "The case's current stage, or its procedure (adult or juvenile), does not "
                "allow this type of entry. The court's rule pack says which entries each "
                "stage allows."
            ),
            _(
                "Read the case to see its stage and the entries it allows now. Record first "
                "the entry that moves the case on, or choose another type. Nothing was "
                "recorded."
            ),
            (("stage", _("the case's current stage")), _ERRORS),
        ),
        ProblemType(
            "sequence",
            (409,),
            gettext_noop("Stale or duplicate sequence"),
            _(
                "The expected_seq you sent is not the number the case's next entry would "
                "take: someone recorded an entry since you read the case (stale), or you "
                "counted entries that are not there (ahead). Also answered when another entry "
                "was recorded in the case at the same moment as yours."
            ),
            _(
                "Read the case again. Decide whether your entry still applies to what is now "
                "on the record, then send it with expected_seq set to next_seq. Nothing was "
                "recorded."
            ),
            (("next_seq", _("the number the case's next entry will take")), _ERRORS),
        ),
        ProblemType(
            "idempotency",
            (409,),
            gettext_noop("Idempotency key reused with a different request"),
            _(
                "The Idempotency-Key was already used by this account with a different "
                "request. The first request's result stands."
            ),
            _(
                "To retry a request, send exactly the same body with the same key. A new "
                "request needs a new key. Nothing was recorded."
            ),
        ),
        ProblemType(
            "superseded",
            (409,),
            gettext_noop("Entry already corrected"),
            _(
                "The entry you are correcting was corrected since: the case now holds the "
                "later correction. Correcting the older version would silently undo it."
            ),
            _(
                "Read the entry named in latest, and correct that one if it still needs it. "
                "Nothing was recorded."
            ),
            (("latest", _("the entry that the case now holds")), _ERRORS),
        ),
        ProblemType(
            "conflict",
            (409,),
            gettext_noop("Conflict"),
            _("The request contradicts what the case holds now; the detail says how."),
            _("Read the case again, then decide whether to send the request again."),
            (_ERRORS,),
        ),
        ProblemType(
            "petition-already-filed",
            (409,),
            gettext_noop("Petition already filed"),
            _(
                "The same person already filed the same petition (same kind and text) in "
                "this case, and it has not been answered yet."
            ),
            _(
                "Wait for the answer to the petition on the record. To add something, "
                "write what is new. Nothing was recorded."
            ),
            (("petition", _("the petition on the record: its entry, date and receipt")), _ERRORS),
        ),
        ProblemType(
            "not-found",
            (404,),
            gettext_noop("Not found"),
            _(
                "No such case, court, entry or route, or one your token may not see: the "
                "answer is the same, so that it does not reveal what exists."
            ),
            _(
                "Check the identifier, the court's code and the path (the API's paths end "
                "without a slash), and which courts your token may use."
            ),
        ),
        ProblemType(
            "unauthenticated",
            (401,),
            gettext_noop("Not authenticated"),
            _(
                "The request has no API token, or its token is unknown, expired or revoked, "
                "or it is sent with another scheme than Bearer."
            ),
            _(
                "Send the token as 'Authorization: Bearer <token>'. The court's IT staff "
                "issue tokens (expediente token create)."
            ),
        ),
        ProblemType(
            "forbidden",
            (403,),
            gettext_noop("Permission denied"),
            _(
                "Your token or account may not do this: it lacks the scope the operation "
                "needs (the detail names it), or the court is not among its courts."
            ),
            _("Ask the court's IT staff for a token with the scope the detail names."),
        ),
        ProblemType(
            "header",
            (400,),
            gettext_noop("Bad request header"),
            _(
                "A request header cannot be taken as sent: for example an Idempotency-Key "
                "sent twice (servers merge the two with a comma) or one that is too long."
            ),
            _("Send the header once, within the limits the detail states."),
        ),
        ProblemType(
            "malformed",
            (400,),
            gettext_noop("Malformed JSON"),
            _(
                "The body is not strict JSON: NaN or Infinity, a number too large, a key "
                "given twice, a lone surrogate, or text that is not UTF-8."
            ),
            _("Send the body as strict JSON (RFC 8259), encoded in UTF-8."),
        ),
        ProblemType(
            "media-type",
            (415,),
            gettext_noop("Unsupported media type"),
            _("The body is not sent as JSON."),
            _("Send the body with 'Content-Type: application/json'."),
        ),
        ProblemType(
            "too-large",
            (413,),
            gettext_noop("Request too large"),
            _("The body is larger than the server's limit, which the detail states."),
            _("Send less in one request: a case's entries one by one, or in several pages."),
        ),
        ProblemType(
            "too-many-parameters",
            (400,),
            gettext_noop("Too many parameters"),
            _("The query string has more parameters than the server reads."),
            _("Send only the parameters the route documents."),
        ),
        ProblemType(
            "method",
            (405,),
            gettext_noop("Method not allowed"),
            _("The path exists but does not take this method."),
            _("Use one of the methods the Allow header lists."),
        ),
        ProblemType(
            "bad-request",
            (400,),
            gettext_noop("Bad request"),
            _(
                "The request cannot be read: it is not valid HTTP/1.1, or its Host header "
                "names a host this server does not answer for."
            ),
            _("Check the client's HTTP library and the address it sends the request to."),
        ),
        ProblemType(
            "length-required",
            (411,),
            gettext_noop("Length required"),
            _("The body was sent in chunks to a server that cannot read a chunked body."),
            _("Send the body with a Content-Length header."),
        ),
        ProblemType(
            "uri-too-long",
            (414,),
            gettext_noop("URI too long"),
            _("The request line (method and URL) is longer than the server reads."),
            _("Send fewer or shorter query parameters."),
        ),
        ProblemType(
            "headers-too-large",
            (431,),
            gettext_noop("Request header fields too large"),
            _("The request has too many headers, or one that is too long."),
            _("Send fewer or shorter headers."),
        ),
        ProblemType(
            "transfer-coding",
            (501,),
            gettext_noop("Not implemented"),
            _("The request uses a transfer coding this server does not implement."),
            _("Send the body with a Content-Length header and no Transfer-Encoding."),
        ),
        ProblemType(
            "expectation-failed",
            (417,),
            gettext_noop("Expectation failed"),
            _("The request's Expect header asks for something this server does not do."),
            _("Send the request without the Expect header, or with 'Expect: 100-continue'."),
        ),
        ProblemType(
            "proxy",
            (403,),
            gettext_noop("Forbidden"),
            _("The request came through a proxy this server does not take requests from."),
            _("Send the request directly, or ask the court's IT staff to allow the proxy."),
        ),
        ProblemType(
            "throttled",
            (429,),
            gettext_noop("Too many requests"),
            _(
                "Too many lookups came from your address in a short time; the limit protects "
                "the people in the cases from being searched for."
            ),
            _("Wait for the time the detail states, then ask again."),
        ),
        ProblemType(
            "integrity",
            (400,),
            gettext_noop("Bad request"),
            _("A question to the court's integrity log that cannot be answered as asked."),
            _("Read errors: it names the parameter at fault and what it must be."),
            (_ERRORS,),
        ),
        ProblemType(
            "not-configured",
            (503,),
            gettext_noop("Not configured"),
            _("This installation is not set up for what you asked (the detail says what)."),
            _("Tell the court's IT staff: the detail says which setting is missing."),
        ),
        ProblemType(
            "unavailable",
            (503,),
            gettext_noop("Service unavailable"),
            _(
                "The court's database cannot be reached at the moment (it is down or "
                "restarting, or every connection is busy). What you sent may not have been "
                "recorded."
            ),
            _(
                "Wait the seconds Retry-After gives, then send the same request again (a "
                "write with the same Idempotency-Key: it is recorded once)."
            ),
        ),
        ProblemType(
            "internal",
            (500,),
            gettext_noop("Internal error"),
            _("Something went wrong on the server's side. It was logged."),
            _(
                "Try again later. If it happens again, tell the court's IT staff the time "
                "and the request: nothing you sent should cause this."
            ),
        ),
        ProblemType(
            "refused",
            (400,),
            gettext_noop("Request refused"),
            _("The docket refused the request; the detail says why."),
            _("Read the detail and errors, and change the request accordingly."),
            (_ERRORS,),
        ),
    )
}
