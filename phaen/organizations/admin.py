from django.contrib import admin

from phaen.core.admin import PhaenAdmin, ReferenceAdmin
from phaen.organizations import models as m


@admin.register(m.OrganizationKind)
class OrganizationKindAdmin(ReferenceAdmin):
    list_display = ["code", "name_th", "name_en", "abbr_th", "parent", "is_default"]


@admin.register(m.Province)
class ProvinceAdmin(ReferenceAdmin):
    list_display = ["code", "name_th", "name_en"]


@admin.register(m.Organization)
class OrganizationAdmin(PhaenAdmin):
    list_display = ["code", "name_th", "kind", "parent", "province", "is_active"]
    list_filter = ["kind", "province", "is_active"]
    search_fields = ["code", "name_th", "name_en", "short_name_th"]
    list_select_related = ["kind", "parent", "province"]
    autocomplete_fields = ["parent"]


@admin.register(m.Unit)
class UnitAdmin(PhaenAdmin):
    list_display = ["code", "name_th", "organization", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name_th", "name_en", "organization__name_th"]
    list_select_related = ["organization", "parent"]


@admin.register(m.Person)
class PersonAdmin(PhaenAdmin):
    list_display = ["full_name", "organization", "email", "user"]
    search_fields = ["first_name_th", "last_name_th", "first_name_en", "last_name_en", "email"]
    list_select_related = ["organization", "user"]


class AppointmentInline(admin.TabularInline):
    model = m.Appointment
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(m.Position)
class PositionAdmin(PhaenAdmin):
    list_display = ["title_th", "organization", "unit", "number", "is_head"]
    search_fields = ["title_th", "title_en", "number"]
    list_select_related = ["organization", "unit"]
    inlines = [AppointmentInline]


@admin.register(m.Appointment)
class AppointmentAdmin(PhaenAdmin):
    list_display = ["person", "position", "kind", "start_date", "end_date"]
    list_filter = ["kind"]
    list_select_related = ["person", "position"]


@admin.register(m.RoleAssignment)
class RoleAssignmentAdmin(PhaenAdmin):
    list_display = ["organization", "role", "person", "position"]
    list_filter = ["role"]
    list_select_related = ["organization", "person", "position"]
