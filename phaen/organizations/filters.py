"""FilterSets of the organisation lists, shared by the pages and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phaen.organizations.models import Organization, OrganizationKind, Province


class OrganizationFilter(django_filters.FilterSet):
    """Search by name or code, and filter by kind and province."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ModelChoiceFilter(
        label=_("Kind"), queryset=OrganizationKind.objects.all(), empty_label=_("All kinds")
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Province"), queryset=Province.objects.all(), empty_label=_("All provinces")
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "province"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name_th__icontains=value)
            | Q(name_en__icontains=value)
            | Q(short_name_th__icontains=value)
            | Q(code__iexact=value)
        )

    @property
    def is_filtered(self) -> bool:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return any(value not in (None, "") for value in data.values())
