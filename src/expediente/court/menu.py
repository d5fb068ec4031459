"""What the workspace's menu offers a signed-in staff member: only what they may use.

A judge saw "Open a case" and was answered "You cannot open cases" (only clerks open
them); a court administrator had no way to the court's access log but its address.

The menu is one list of sections (``SECTIONS``), shown as a row of links on a wide
screen and, on a phone, folded into a "Menu" button naming the section the reader is in
(``court/base.html``): unfolded, it took 410 px above every page's content at 360 px."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from expediente.access.access_log import access_log_courts
from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can
from expediente.notify.staff import staff_alert_count


@dataclass(frozen=True)
class Section:
    view: str  # the URL name of the section's page
    label: Promise
    also: tuple[str, ...] = ()  # pages inside the section (a case is in "Cases")
    only_if: str = ""  # the permission in the context that offers it, "" for everyone


SECTIONS: tuple[Section, ...] = (
    Section("court:home", _("My courts")),
    Section("court:cases", _("Cases"), also=("court:case",)),
    Section("court:calendar", _("Calendar")),
    Section("court:my_cases", _("My list")),
    Section("court:due", _("Due and overdue"), also=("court:missed",)),
    Section("court:alerts", _("Alerts"), only_if="may_be_alerted"),
    Section("court:measures", _("Measures")),
    Section("court:measures_desk", _("Reporting desk")),
    Section("notify:failed", _("Undelivered notifications")),
    Section("court:access_log", _("Who read protected data"), only_if="may_read_access_log"),
    Section("court:case_open", _("Open a case"), only_if="may_open_cases"),
)


@dataclass(frozen=True)
class MenuLink:
    href: str
    label: Promise
    current: bool
    unread: int = 0  # the alerts page: how many alerts the reader has not marked read


def staff_menu(request: HttpRequest) -> dict[str, Any]:
    """Context processor for the staff views' menu (``court/base.html``):
    ``staff_menu`` (the links the reader may use, the current one marked),
    ``staff_menu_here`` (the current section's name, "" outside the sections) and
    ``may_open_cases``, ``may_read_access_log``, ``may_be_alerted`` (deadline alerts can
    reach the account: ``notify.staff.staff_alert_count``; a clerk's never does, and was
    offered an alerts page that stayed empty); nothing outside the workspace. The
    alerts link carries the count of unread alerts (one indexed count a page), also
    given as ``staff_alerts_unread`` for the folded menu's button on a phone."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    actor = getattr(request, "actor", None)
    allowed: dict[str, bool] = {
        "may_open_cases": False,
        "may_read_access_log": False,
        "may_be_alerted": False,
    }
    unread = 0
    if isinstance(actor, Actor) and actor.roles:
        allowed = {
            "may_open_cases": can(actor, Capability.CASE_OPEN),
            "may_read_access_log": bool(access_log_courts(actor)),
        }
        count = staff_alert_count(actor.user)
        allowed["may_be_alerted"] = count is not None
        unread = count or 0
    match = getattr(request, "resolver_match", None)
    here = match.view_name if match is not None else ""
    links = [
        MenuLink(
            reverse(s.view),
            s.label,
            here in (s.view, *s.also),
            unread if s.view == "court:alerts" else 0,
        )
        for s in SECTIONS
        if not s.only_if or allowed[s.only_if]
    ]
    current = next((link.label for link in links if link.current), "")
    return {
        **allowed,
        "staff_menu": links,
        "staff_menu_here": current,
        "staff_alerts_unread": unread,
    }
