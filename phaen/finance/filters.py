"""The transaction list's filters (shared by the finance index and the API)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from phaen.core.forms import ThaiDateField
from phaen.finance import choices as c
from phaen.finance.models import Transaction
from phaen.plans.models import Project


class ThaiDateFilter(django_filters.DateFilter):
    field_class = ThaiDateField


class TransactionFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=c.TransactionKind.choices)
    project = django_filters.ModelChoiceFilter(
        label=_("Project"), queryset=Project.objects.none(), method="filter_project"
    )
    date_from = ThaiDateFilter(field_name="date", lookup_expr="gte", label=_("From"), help_text="")
    date_to = ThaiDateFilter(field_name="date", lookup_expr="lte", label=_("To"), help_text="")
    confirmed = django_filters.ChoiceFilter(
        label=_("Confirmation"),
        choices=[("no", _("Waiting for confirmation")), ("yes", _("Confirmed"))],
        method="filter_confirmed",
    )

    class Meta:
        model = Transaction
        fields = ["kind", "project", "date_from", "date_to", "confirmed"]

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        if projects is not None:
            self.filters["project"].queryset = projects
        for name, form_field in self.form.fields.items():
            css = "form-select" if name in ("kind", "project", "confirmed") else "form-control"
            form_field.widget.attrs["class"] = css

    def filter_project(self, queryset, name, value):
        return queryset.filter(
            project__lineage=value.lineage,
            organization_id=value.plan.organization_id,
            fiscal_year=value.plan.fiscal_year,
        )

    def filter_confirmed(self, queryset, name, value):
        return queryset.filter(confirmed_at__isnull=(value == "no"))
