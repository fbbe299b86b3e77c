from django.contrib import admin

from phaen.core.admin import PhaenAdmin, ReferenceAdmin
from phaen.strategy import models as m


@admin.register(m.Framework)
class FrameworkAdmin(ReferenceAdmin):
    list_display = ["code", "name_th", "name_en", "sort_order"]


@admin.register(m.FrameworkItem)
class FrameworkItemAdmin(PhaenAdmin):
    list_display = ["framework", "code", "name_th", "name_en", "parent"]
    list_filter = ["framework"]
    search_fields = ["code", "name_th", "name_en"]
    list_select_related = ["framework", "parent"]
