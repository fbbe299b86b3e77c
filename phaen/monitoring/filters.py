"""Filters of the follow-up list (django-filter)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from phaen.core import thai
from phaen.monitoring import choices as c
from phaen.organizations.models import Unit
from phaen.plans.models import Project


class FollowUpFilter(django_filters.FilterSet):
    """``unit`` filters the projects; ``status`` (latest reported status) and ``month`` (the
    month whose report is looked for) are applied by the page on the computed rows."""

    unit = django_filters.ModelChoiceFilter(
        field_name="responsible_unit", label=_("Unit"), queryset=Unit.objects.none()
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=c.ProgressStatus.choices, method="keep"
    )
    month = django_filters.TypedChoiceFilter(
        label=_("Month"), choices=[], coerce=int, method="keep"
    )

    class Meta:
        model = Project
        fields = ["unit", "status", "month"]

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = Unit.objects.filter(organization=organization)
        self.filters["month"].extra["choices"] = [
            (i, thai.month_name(m, lang=_lang()))
            for i, m in enumerate((10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9), 1)
        ]

    def keep(self, queryset, name, value):
        return queryset


def _lang() -> str:
    from django.utils.translation import get_language

    return "en" if (get_language() or "th").startswith("en") else "th"
