"""Django admin, for system administrators: agencies' webhooks and what was sent to
them, read-only (an agency makes and ends its hooks through the API; a hook failing for
days shows here with its last error). The secret is not shown."""

from __future__ import annotations

from django.contrib import admin

from expediente.docket.admin import ReadOnly
from expediente.notify.models import AgencyHook, AgencyHookAttempt


class AttemptInline(admin.TabularInline):
    model = AgencyHookAttempt
    fields = ("started_at", "start", "end", "items", "outcome", "duration_ms", "error", "worker")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("-id",)

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(AgencyHook)
class AgencyHookAdmin(ReadOnly):
    list_display = (
        "id",
        "token",
        "url",
        "active",
        "next_start",
        "failures",
        "failing_since",
        "last_sent_at",
        "ended_because",
    )
    list_filter = ("active", "ended_because")
    search_fields = ("url", "token__name", "token__prefix")
    list_select_related = ("token",)
    exclude = ("secret",)
    inlines = (AttemptInline,)
