"""API filtersets of the organisation endpoints (query parameters of the lists)."""

from __future__ import annotations

import django_filters
from django.utils import timezone

from phaen.accounts.models import User
from phaen.api.filters import IdFilter, search_filter
from phaen.organizations.choices import Role
from phaen.organizations.models import (
    Appointment,
    Organization,
    Person,
    Position,
    RoleAssignment,
    Unit,
)


class OrganizationFilter(django_filters.FilterSet):
    kind = django_filters.CharFilter(field_name="kind__code", help_text="Organisation kind code")
    parent = IdFilter(field_name="parent", help_text="Parent organisation id")
    province = django_filters.CharFilter(field_name="province__code", help_text="Province code")
    code = django_filters.CharFilter(field_name="code")
    is_active = django_filters.BooleanFilter(field_name="is_active")
    q = django_filters.CharFilter(
        method=search_filter("name_th", "name_en", "short_name_th", "code"),
        help_text="Text in the code or any name",
    )

    class Meta:
        model = Organization
        fields: list[str] = []


class UnitFilter(django_filters.FilterSet):
    organization = IdFilter(field_name="organization", help_text="Organisation id")
    parent = IdFilter(field_name="parent", help_text="Parent unit id")
    code = django_filters.CharFilter(field_name="code")

    class Meta:
        model = Unit
        fields: list[str] = []


class PositionFilter(django_filters.FilterSet):
    organization = IdFilter(field_name="organization", help_text="Organisation id")
    unit = IdFilter(field_name="unit", help_text="Unit id")

    class Meta:
        model = Position
        fields: list[str] = []


class PersonFilter(django_filters.FilterSet):
    organization = IdFilter(field_name="organization", help_text="Organisation id")
    q = django_filters.CharFilter(
        method=search_filter(
            "first_name_th", "last_name_th", "first_name_en", "last_name_en", "email"
        ),
        help_text="Text in a name or the e-mail address",
    )

    class Meta:
        model = Person
        fields: list[str] = []


class AppointmentFilter(django_filters.FilterSet):
    position = IdFilter(field_name="position", help_text="Position id")
    person = IdFilter(field_name="person", help_text="Person id")
    current = django_filters.BooleanFilter(
        method="filter_current", help_text="true: only appointments in force today"
    )

    class Meta:
        model = Appointment
        fields: list[str] = []

    def filter_current(self, queryset, name, value):
        if value is None:
            return queryset
        current = queryset.current(timezone.localdate())
        return current if value else queryset.exclude(pk__in=current.values("pk"))


class RoleAssignmentFilter(django_filters.FilterSet):
    organization = IdFilter(field_name="organization", help_text="Organisation id")
    role = django_filters.ChoiceFilter(choices=Role.choices)
    person = IdFilter(field_name="person", help_text="Person id")
    position = IdFilter(field_name="position", help_text="Position id")

    class Meta:
        model = RoleAssignment
        fields: list[str] = []


class UserFilter(django_filters.FilterSet):
    is_active = django_filters.BooleanFilter(field_name="is_active")
    organization = IdFilter(field_name="person__organization", help_text="Organisation id")
    q = django_filters.CharFilter(
        method=search_filter("username", "first_name", "last_name", "email"),
        help_text="Text in the user name, a name or the e-mail address",
    )

    class Meta:
        model = User
        fields: list[str] = []
