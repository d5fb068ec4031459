"""Django admin, for system administrators only. The docket is read-only here: every
change to a case goes through event_record, never through a form that edits rows."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from expediente.docket.models import Case, Charge, Court, Event, Jurisdiction, Participation


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "rule_pack")


@admin.register(Court)
class CourtAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "jurisdiction", "office_code", "timezone", "rule_pack")
    list_filter = ("jurisdiction",)


@admin.register(Case)
class CaseAdmin(ReadOnly):
    list_display = ("nuid", "court", "procedure", "stage", "confidentiality", "opened_at")
    list_filter = ("court", "procedure", "stage", "confidentiality")
    search_fields = ("nuid", "number", "police_report")


@admin.register(Event)
class EventAdmin(ReadOnly):
    list_display = ("case", "seq", "type", "occurred_at", "recorded_at", "actor_label")
    list_filter = ("type",)
    search_fields = ("case__nuid",)
    list_select_related = ("case",)


@admin.register(Participation)
class ParticipationAdmin(ReadOnly):
    list_display = ("case", "uid", "role", "person")
    list_select_related = ("case", "person")


@admin.register(Charge)
class ChargeAdmin(ReadOnly):
    list_display = ("case", "uid", "offence_code", "iccs")
