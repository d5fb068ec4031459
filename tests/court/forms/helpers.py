"""Filling in workspace forms as a browser would: draw the page, keep its hidden
fields, submit."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.http import HttpResponse
from django.test import Client

from expediente.docket.models import Case, Event


def hidden(response: HttpResponse) -> dict[str, str]:
    """The hidden fields of the form on the page (its one-time key, the expected seq)."""
    html = response.content.decode()
    found = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html)
    return {name: value for name, value in found if name != "csrfmiddlewaretoken"}


def drawn(response: HttpResponse) -> dict[str, Any]:
    """What a browser would send from the form as drawn: its filled-in values and
    ticked boxes, hidden ones included."""
    form = response.context["form"]
    values: dict[str, Any] = {}
    for bound in form:
        value = bound.value()
        if value is None or value == "" or value is False:
            continue
        box = isinstance(bound.field.widget, forms.CheckboxInput)  # a yes-or-no radio says "True"
        values[bound.html_name] = (
            "on" if value is True and box else bound.field.widget.format_value(value)
        )
    return values


def submit(client: Client, url: str, data: dict[str, Any]) -> HttpResponse:
    """Open the form page, change these values, submit."""
    page = client.get(url)
    assert page.status_code == 200, page.content.decode()[:500]
    return client.post(url, drawn(page) | data)


def events(case: Case) -> list[Event]:
    return list(Event.objects.filter(case=case).order_by("seq"))


def last(case: Case) -> Event:
    return events(case)[-1]


def field_error(response: HttpResponse, name: str) -> str:
    """The message shown next to a field (empty if none)."""
    html = response.content.decode()
    found = re.search(rf'<p class="field-error" id="id_{re.escape(name)}_error">(.*?)</p>', html)
    if not found:
        return ""
    return re.sub(r"<[^>]+>", "", found.group(1)).replace("Error: ", "").strip()


def summary_links(response: HttpResponse) -> list[tuple[str, str]]:
    """(anchor, message) of the error summary at the top of the page."""
    html = response.content.decode()
    box = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    if not box:
        return []
    return re.findall(r'<a href="#([^"]+)">(.*?)</a>', box.group(0))


def label_of(response: HttpResponse, field: str) -> str:
    """The visible label of the field ``id_<field>``."""
    html = response.content.decode()
    found = re.search(rf'<label for="id_{field}"[^>]*>(.*?)</label>', html, re.S)
    assert found, f"no label for {field}"
    without_hint = re.sub(r"<span[^>]*>.*?</span>", "", found.group(1), flags=re.S)
    return re.sub(r"<[^>]+>", "", without_hint).strip()


def summary_names(response: HttpResponse, field: str, message: str) -> bool:
    """The error summary links to the field with ``message``, naming the field: its label
    first ("Sentence in months: …"), or within a message that already names it."""
    label = label_of(response, field).rstrip(":?")
    said = dict(summary_links(response)).get(f"id_{field}", "")
    return said.endswith(message) and label.casefold() in said.casefold()


def summary_text(response: HttpResponse) -> str:
    html = response.content.decode()
    box = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    return re.sub(r"<[^>]+>", " ", box.group(0)) if box else ""


def messages_of(response: HttpResponse) -> list[str]:
    """The flash messages the next page will show."""
    from django.contrib.messages import get_messages

    return [str(m) for m in get_messages(response.wsgi_request)]


def record_url(case: Case, type_name: str) -> str:
    return f"/court/cases/{case.nuid}/record/{type_name}/"


def case_url(case: Case) -> str:
    return f"/court/cases/{case.nuid}/"


def to_trial(case: Case, record: Any) -> Case:
    """Move a case with an accused P1 to the trial stage through the real service."""
    record(case, "indictment.filed", {"accused": "P1"})
    record(case, "trial.committed", {})
    case.refresh_from_db()
    return case
