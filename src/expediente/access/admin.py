from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from expediente.access.models import ApiToken, User

admin.site.register(User, UserAdmin)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "scopes", "courts", "created_at", "revoked_at")
    readonly_fields = ("prefix", "digest", "created_at", "last_used_at")
    fields = ("name", "user", "scopes", "courts", "expires_at", "revoked_at", *readonly_fields)

    def has_add_permission(self, request: object) -> bool:
        return False  # issue tokens with `expediente token create`: the secret is shown once
