"""FilterSets of annual plans' lists (shared by the pages and, later, the API)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from phaen.organizations.models import Person, Unit
from phaen.plans.models import Project
from phaen.strategy.models import Issue


class ScheduleFilter(django_filters.FilterSet):
    """The schedule of a plan's projects by responsible unit, strategic issue and project
    owner. Choices are limited to the plan's organisation and multi-year plan (pass
    ``plan=``)."""

    unit = django_filters.ModelChoiceFilter(
        field_name="responsible_unit", queryset=Unit.objects.none(), label=_("Unit")
    )
    issue = django_filters.ModelChoiceFilter(
        field_name="issue", queryset=Issue.objects.none(), label=_("Strategic issue")
    )
    owner = django_filters.ModelChoiceFilter(
        field_name="owner", queryset=Person.objects.none(), label=_("Project owner")
    )

    class Meta:
        model = Project
        fields = ["unit", "issue", "owner"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        org = plan.organization_id
        self.filters["unit"].queryset = Unit.objects.filter(organization_id=org)
        self.filters["issue"].queryset = Issue.objects.filter(plan_id=plan.multi_year_plan_id)
        self.filters["owner"].queryset = Person.objects.filter(organization_id=org).order_by(
            "first_name_th", "last_name_th"
        )
        for name in ("unit", "issue", "owner"):
            self.form.fields[name].widget.attrs["data-auto-submit"] = ""
