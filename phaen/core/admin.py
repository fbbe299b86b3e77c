"""Admin helpers shared by every app: history, organisation scoping, frozen records."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin


class PhaenAdmin(SimpleHistoryAdmin):
    """Model admin with change history; non-superuser staff see only what they may see.

    Models with ``objects.for_user`` are scoped through the access policy; frozen
    records (see ``phaen.core.frozen``) are shown read-only and cannot be deleted.
    """

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if not request.user.is_superuser and hasattr(qs, "for_user"):
            return qs.for_user(request.user, "view")
        return qs

    def _frozen(self, obj) -> bool:
        return obj is not None and hasattr(obj, "is_frozen") and obj.is_frozen()

    def get_readonly_fields(self, request, obj=None):
        if self._frozen(obj):
            return [field.name for field in obj._meta.concrete_fields]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


class ReferenceAdmin(admin.ModelAdmin):
    """Reference data that admins may extend."""

    search_fields = ["code", "name_th", "name_en"]
