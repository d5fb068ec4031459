"""Django admin, for system administrators: agencies' webhooks and what was sent to
them, read-only (an agency makes and ends its hooks through the API; a hook failing for
days shows here with its last error). The secret is not shown."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from expediente.docket.admin import ReadOnly
from expediente.notify.models import AgencyHook, AgencyHookAttempt

ATTEMPTS_SHOWN = 20  # a hook failing for a week has ~170 attempts: the newest tell how it goes


class AttemptInline(admin.TabularInline):
    """A hook's last attempts, newest first. They are kept for
    ``EXPEDIENTE_HOOK_ATTEMPTS_DAYS`` (docs/notifications.md): a hook failing for weeks
    has hundreds, and its page would otherwise grow with them."""

    model = AgencyHookAttempt
    fields = ("started_at", "start", "end", "items", "outcome", "duration_ms", "error", "worker")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("-id",)
    verbose_name_plural = _("Last 20 attempts, newest first")  # ATTEMPTS_SHOWN

    def get_queryset(self, request: HttpRequest) -> QuerySet[AgencyHookAttempt]:
        newest = (
            AgencyHookAttempt.objects.filter(hook=OuterRef("hook"))
            .order_by("-id")
            .values("id")[:ATTEMPTS_SHOWN]
        )
        return super().get_queryset(request).filter(pk__in=Subquery(newest))

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
