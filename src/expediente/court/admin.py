"""The admin's one workspace table to set by hand: which docket person a judge's account
is (``court.StaffPerson``), so "cases that name me" follows the person, not the name."""

from django.contrib import admin

from expediente.court.models import StaffPerson


@admin.register(StaffPerson)
class StaffPersonAdmin(admin.ModelAdmin):
    list_display = ("user", "person_uid")
    search_fields = ("user__username", "user__last_name", "person_uid")
    raw_id_fields = ("user",)
