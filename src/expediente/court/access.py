"""Who is signed in to the workspace: password, then a second factor, then a court role."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from expediente.access.policy import Actor

View = Callable[..., HttpResponse]


def staff_required(view: View) -> View:
    """Signed in, second factor verified, and a member of at least one court.

    The view receives ``request.actor`` (an ``Actor`` with the user's court roles)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect(f"{_url('court:login')}?next={request.path}")
        if not user.is_verified():  # type: ignore[attr-defined]
            return redirect(f"{_url('court:otp')}?next={request.path}")
        actor = Actor.staff(user)
        if not actor.roles:
            return render(request, "court/no_membership.html", status=403)
        request.actor = actor  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped


def _url(name: str) -> str:
    from django.urls import reverse

    return reverse(name)
