"""What every form that writes to the docket shares.

* ``idempotency_key``: a fresh UUID each time the form is drawn. A second submission
  of the same page (double click, back button) carries the same key, and the service
  answers it with the entry the first one recorded: nothing is recorded twice.
* ``expected_seq``: the number the next entry of the case had when the page was drawn.
  If someone recorded an entry since, the service refuses (a stale page).
* ``occurred_at``: when it happened, on the court's clock.

And the other way: ``refuse`` puts the service's field errors
(``{"field": "payload.until", "message": …}``) next to the form fields they name.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.http import QueryDict
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from expediente.court.forms import widgets
from expediente.court.forms.fields import datetime_field
from expediente.days import FIRST_DAY
from expediente.docket.errors import DocketError, Words

HIDDEN = ("idempotency_key", "expected_seq")
FIRST_OCCURRED_YEAR = FIRST_DAY.year  # what the service accepts (expediente/days.py)


def now_on_court_clock(tz: ZoneInfo) -> Any:
    return timezone.now().astimezone(tz).replace(second=0, microsecond=0)


def new_key() -> str:
    return str(uuid.uuid4())


def occurred_at_field(tz: ZoneInfo, label: str) -> forms.Field:
    checks = [
        widgets.not_before_year(
            FIRST_OCCURRED_YEAR,
            _("Enter a date after the year %(year)s.") % {"year": FIRST_OCCURRED_YEAR},
        ),
        widgets.not_future_datetime(_("This cannot be in the future: record what has happened.")),
    ]
    common = {"label": label, "help_text": widgets.zone_hint(tz), "required": True}
    return datetime_field(tz, checks, common)


def readable_message(message: str) -> str:
    text = message.strip()
    if not text:
        return _("This value cannot be used.")
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


# the services' and the schema's ways of saying that a choice is not one of the list
CHOICE_COMPLAINTS = ("no participant", "must be a participant", "Input should be", "no charge")


def say(words: Words, tz: ZoneInfo) -> str:
    """A service's refusal in the reader's language: days in words, moments on the
    court's clock ("filed 29 November 2026 at 15:54", not "2026-11-29T21:54:44+00:00"),
    a pack's label (a dict by language) in the reader's language, quoted; a list of
    labels, each so, separated by commas."""
    language = (get_language() or "en")[:2]
    params = {key: _said_value(value, tz, language) for key, value in words.params.items()}
    return _(words.text) % params


def _said_value(value: Any, tz: ZoneInfo, language: str) -> Any:
    if isinstance(value, Words):  # a refusal quoted inside this one
        return say(value, tz)
    if isinstance(value, dict):  # a rule pack's label, by language
        return f"“{value.get(language) or value.get('en') or next(iter(value.values()), '')}”"
    if isinstance(value, list):  # several labels, one after the other
        return ", ".join(str(_said_value(v, tz, language)) for v in value)
    if isinstance(value, dt.datetime):
        return formats.date_format(value.astimezone(tz), "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    return value


def said(exc: DocketError, tz: ZoneInfo) -> str:
    """A whole refusal: each error in the reader's language where the service gave its
    words, else as the service wrote it."""
    if not exc.errors:
        return exc.message
    parts = [error_said(exc, error, tz) or error.get("message", "") for error in exc.errors]
    return "; ".join(p for p in parts if p) or exc.message


def error_said(exc: DocketError, error: dict[str, str], tz: ZoneInfo) -> str | None:
    """One of the refusal's errors in the reader's language, if the service gave its words."""
    words = exc.words.get(error.get("field", ""))
    return say(words, tz) if words is not None else None


def named(label: str, message: str) -> str:
    """A field's error as the error summary lists it, away from the field: naming the
    field first ("Sentence in months: Enter a whole number from 0 to 1200."), unless the
    message already names it in quotes, as the forms' own messages do ("Fill in
    “Sentence in months”."). A label that is a question is quoted whole, its question
    mark kept ("“When did it happen?”: …", es "«¿Cuándo ocurrió?»: …"): cut at the
    question mark it read "¿Cuándo ocurrió: …", an opening ¿ never closed. A message that
    merely uses the label's words ("Enter a real date and time" under "Date and time")
    still gets the field's name: it did not say which of the page's dates it was."""
    label = label.strip().rstrip(":").strip()
    if not label or any(quoted % label in message for quoted in QUOTED):
        return message
    if label.endswith("?"):
        return _("“%(question)s”: %(message)s") % {"question": label, "message": message}
    return _("%(field)s: %(message)s") % {"field": label, "message": message}


# How the forms' messages quote a field's label in each language (``fields.fill_in``,
# ``fields.choose``: en and pt “…”, es «…», fr « … »).
QUOTED = ("“%s”", "«%s»", "« %s »", '"%s"')


class EntryForm(forms.Form):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    expected_seq = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    occurred_label: Any = ""  # a question (lazily translated), set by subclasses
    groups: tuple[tuple[Any, tuple[str, ...]], ...] = ()  # (legend, field names) to group

    def __init__(
        self,
        data: Any = None,
        *,
        tz: ZoneInfo,
        next_seq: int | None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        """``next_seq``: the case's next entry number now (None: no case yet)."""
        initial = {
            "idempotency_key": new_key(),
            "expected_seq": next_seq,
            "occurred_at": now_on_court_clock(tz),
        } | (initial or {})
        super().__init__(data, initial=initial)
        self.tz = tz
        self.next_seq = next_seq
        if next_seq is None:
            del self.fields["expected_seq"]
        self.fields["occurred_at"] = occurred_at_field(
            tz, self.occurred_label or _("When did it happen?")
        )

    def occurred_last(self) -> None:
        """Put 'when did it happen' after the fields a subclass added."""
        self.fields["occurred_at"] = self.fields.pop("occurred_at")

    # -- errors -------------------------------------------------------------------

    def full_clean(self) -> None:
        super().full_clean()
        errors = self.errors
        broken = [name for name in HIDDEN if name in errors]
        for name in broken:
            del errors[name]
        if broken:
            self.add_error(
                None,
                _("This page is out of date. Check the values below and submit again."),
            )
            self.restamp(
                expected_seq=self.next_seq if "expected_seq" in broken else None,
                key="idempotency_key" in broken,
            )

    def error_links(self) -> list[tuple[str, str]]:
        """(anchor, message) for the error summary: page-wide errors, then each field's."""
        links: list[tuple[str, str]] = [("", str(e)) for e in self.non_field_errors()]
        for bound in self.visible_fields():
            anchor = bound.id_for_label or f"{bound.auto_id}_0"
            links += [(anchor, named(str(bound.label), str(e))) for e in bound.errors]
        return links

    def field_for(self, path: str) -> str | None:
        """The form field a service error path names ('payload.until' → 'until')."""
        name = path.removeprefix("payload.").split(".")[0].split("[")[0]
        return name if name in self.fields and name not in HIDDEN else None

    def refuse(self, exc: DocketError) -> None:
        """Show a refusal of the service on the form, each message next to its field, in
        the reader's language where the service gave its words (``DocketError.words``)."""
        if not exc.errors:
            self.add_error(None, readable_message(exc.message))
        for error in exc.errors:
            name = self.field_for(error.get("field", ""))
            translated = error_said(exc, error, self.tz)
            if translated is not None:
                free = name is not None and name not in self.errors
                self.add_error(name if free else None, readable_message(translated))
            elif name is None:
                self.add_error(None, readable_message(error.get("message") or exc.message))
            elif name not in self.errors:
                self.add_error(name, self.message_for(name, error.get("message", "")))

    def message_for(self, name: str, message: str) -> str:
        """Our own words where the field has them (a choice that does not fit); any other
        refusal of a choice (a release of someone not in custody) says what it says: it
        read "choose someone from the list" of a person who was on the list."""
        field = self.fields[name]
        if isinstance(field, forms.ChoiceField) and message.startswith(CHOICE_COMPLAINTS):
            text = str(field.error_messages["invalid_choice"])
            return text % {"value": self.data.get(name, "")} if "%(value)" in text else text
        return readable_message(message)

    # -- a second chance -------------------------------------------------------------

    def restamp(self, *, expected_seq: int | None = None, key: bool = False) -> None:
        """Redraw the page for another submission: the next seq now, or a new key."""
        if not self.is_bound:
            return
        data = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
        if expected_seq is not None:
            data["expected_seq"] = str(expected_seq)
        if key:
            data["idempotency_key"] = new_key()
        self.data = data

    # -- what to record ------------------------------------------------------------

    @property
    def key(self) -> str:
        return str(self.cleaned_data["idempotency_key"])

    @property
    def expected(self) -> int | None:
        value = self.cleaned_data.get("expected_seq")
        return int(value) if value is not None else None

    def payload(self) -> dict[str, Any]:
        raise NotImplementedError
