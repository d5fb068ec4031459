"""What the workspace's menu offers a signed-in staff member: only what they may use.

A judge saw "Open a case" and was answered "You cannot open cases" (only clerks open
them); a court administrator had no way to the court's access log but its address."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from expediente.access.access_log import access_log_courts
from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can


def staff_menu(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``may_open_cases`` and ``may_read_access_log`` for the staff
    views' menu (``court/_nav_links.html``); nothing outside them."""
    actor = getattr(request, "actor", None)
    if not isinstance(actor, Actor) or not actor.roles:
        return {}
    return {
        "may_open_cases": can(actor, Capability.CASE_OPEN),
        "may_read_access_log": bool(access_log_courts(actor)),
    }
