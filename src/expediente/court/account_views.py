"""A staff member's own account: changing their password (the administrator sets the
first one on the account's admin page)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from expediente.access.password_change import password_change_page
from expediente.court.access import staff_required


@staff_required
def password_change(request: HttpRequest) -> HttpResponse:
    return password_change_page(request, template="court/account/password.html", done="court:home")
