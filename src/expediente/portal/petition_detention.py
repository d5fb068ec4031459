"""What a petition about a detention did to the detention clock, in plain words for the
petitioner's page and receipt (``petitions/detention.py`` records it):

- while a review petition waits, whether its request started the count of the court's
  own review again (cr: CPP art. 253, once three months have passed since the order),
  with the new date in the pack's own words; or that it did not;
- once decided, what the decision did to the detention (upheld after review, lifted,
  replaced by other measures, nothing), and after a review upheld, the next review's
  date.

The dates are the deadlines the engine computed (``custody.Deadline``): the one the
request started, the one the decision's custody entry started (recorded right after the
decision, in the same transaction). One query for any number of petitions.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from expediente.custody.models import Deadline
from expediente.docket.models import Case
from expediente.petitions.detention import BRINGS, REQUESTED
from expediente.petitions.models import Detention, Petition

RESTARTED = _("This request started the count of the court's own review of the detention again.")
NOT_RESTARTED = _(
    "This request is on the court's record. It did not start the count of the court's own "
    "review again: the law lets a request do that only once enough time has passed since "
    "the detention order. The court must still answer it."
)
DECIDED: dict[str, Promise] = {
    Detention.MAINTAINED: _("The court reviewed the detention and decided that it continues."),
    Detention.LIFTED: _(
        "The court lifted the pretrial detention order. The release is recorded when the "
        "person leaves custody."
    ),
    Detention.REPLACED: _(
        "The court replaced the pretrial detention with other measures. The release is "
        "recorded when the person leaves custody."
    ),
    Detention.NONE: _("This decision did not change the detention."),
}
REVIEWED = "custody.pretrial_reviewed"


def detention_news(case: Case, petitions: Iterable[Petition]) -> dict[int, list[str]]:
    """By filing entry, the sentences to show about each of ``case``'s ``petitions`` and
    its detention (none for a petition that did nothing to it)."""
    wanted = list(petitions)
    starts: dict[int, int] = {}  # the entry a deadline starts at -> the petition's filing
    for p in wanted:
        if p.status == Petition.Status.OPEN and p.review_request_seq is not None:
            starts[p.review_request_seq] = p.filed_seq
        elif p.detention == Detention.MAINTAINED and p.decided_seq is not None:
            starts[p.decided_seq + 1] = p.filed_seq  # the review the decision brought
    found: dict[int, Deadline] = {}
    if starts:
        rows = Deadline.objects.filter(
            case_id=case.pk, start_seq__in=list(starts), start_type__in=[REQUESTED, REVIEWED]
        ).order_by("due_at")
        for d in rows:
            found.setdefault(starts[d.start_seq], d)
    language = get_language()
    out: dict[int, list[str]] = {}
    for p in wanted:
        lines: list[str] = []
        deadline = found.get(p.filed_seq)
        if p.status == Petition.Status.OPEN and p.review_request_seq is not None:
            lines.append(str(RESTARTED if deadline is not None else NOT_RESTARTED))
        elif p.status == Petition.Status.DECIDED and p.detention in DECIDED:
            lines.append(str(DECIDED[p.detention]))
        shown = p.status == Petition.Status.OPEN or p.detention in BRINGS
        if deadline is not None and deadline.open and shown:
            lines += deadline.plainly(language)[:1]  # the date, in the pack's own words
        if lines:
            out[p.filed_seq] = lines
    return out
