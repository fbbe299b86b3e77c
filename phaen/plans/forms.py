"""Forms of the annual-plan pages. Values are validated again by the models' full_clean()
inside the services; a form only offers the choices that make sense for its plan."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from phaen.budget.forms import category_choices, scope_of
from phaen.budget.models import (
    BudgetSource,
    ExpenseCategory,
)
from phaen.budget.selectors import line_left, year_lines
from phaen.core.forms import ThaiDateField
from phaen.core.thai import format_baht, month_name
from phaen.organizations.models import Person, Position, Unit
from phaen.plans import choices as c
from phaen.plans.models import Activity, AnnualPlan, BudgetLine, Project, ProjectOutput, Risk
from phaen.strategy.choices import PlanKind
from phaen.strategy.forms import FrameworkChoiceField
from phaen.strategy.models import Indicator, Issue, PlanProject, StrategicPlan, Strategy

FISCAL_MONTHS = tuple(range(1, 13))  # 1 = October … 12 = September
_CALENDAR = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)
SCORES = [(n, str(n)) for n in range(1, 6)]


def fiscal_month_labels() -> list[tuple[int, str]]:
    """(fiscal month number, abbreviation) in fiscal order, in the active language."""
    lang = get_language() or "th"
    return [(n, month_name(_CALENDAR[n - 1], abbr=True, lang=lang)) for n in FISCAL_MONTHS]


class MonthsField(forms.TypedMultipleChoiceField):
    """Planned months as twelve checkboxes ต.ค. … ก.ย. (stored as fiscal month numbers)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Planned months"))
        super().__init__(coerce=int, required=False, choices=fiscal_month_labels, **kwargs)

    def clean(self, value):
        return sorted(set(super().clean(value)))


# --- plan ---------------------------------------------------------------------------------
class PlanCreateForm(forms.ModelForm):
    """A new annual plan of the working organisation for the working fiscal year."""

    class Meta:
        model = AnnualPlan
        fields = ["kind", "multi_year_plan", "action_plan", "title"]
        help_texts = {
            "title": _("Leave empty to name it from the kind, the year and the organisation."),
            "action_plan": _("For an operational plan: the action plan whose projects it runs."),
        }

    def __init__(self, *args, organization, fiscal_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization, self.fiscal_year = organization, fiscal_year
        self.fields["kind"].choices = c.AnnualPlanKind.choices  # no empty choice
        self.fields["kind"].initial = c.AnnualPlanKind.ACTION_PLAN
        self.fields["title"].required = False
        self.fields["title"].label = _("Title of the plan")
        self.fields["multi_year_plan"].label = _("Multi-year plan it draws on")
        self.fields["multi_year_plan"].queryset = StrategicPlan.objects.filter(
            organization=organization
        ).order_by("-start_year", "-revision")
        self.fields["action_plan"].queryset = AnnualPlan.objects.filter(
            organization=organization, fiscal_year=fiscal_year
        ).exclude(kind=c.AnnualPlanKind.OPERATIONAL_PLAN)

    def clean(self):
        data = super().clean()
        if data.get("action_plan") and data.get("kind") != c.AnnualPlanKind.OPERATIONAL_PLAN:
            self.add_error("action_plan", _("Only an operational plan carries out an action plan."))
        return data


# --- project ------------------------------------------------------------------------------
class ProjectForm(forms.ModelForm):
    """All the fields of a project, in sections (``sections``). The choices come from the
    plan: issues, strategies and indicators of its multi-year plan; units, positions and
    people of its organisation."""

    start_date = ThaiDateField(label=_("Start date"), required=False)
    end_date = ThaiDateField(label=_("End date"), required=False)
    months = MonthsField()
    importance = forms.TypedChoiceField(label=_("Importance (1–5)"), choices=SCORES, coerce=int)
    urgency = forms.TypedChoiceField(label=_("Urgency (1–5)"), choices=SCORES, coerce=int)
    frameworks = FrameworkChoiceField()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Project
        fields = [
            "code",
            "name",
            "rationale",
            "objectives",
            "target_group",
            "target_count",
            "other_agency",
            "place",
            "start_date",
            "end_date",
            "months",
            "issue",
            "strategy",
            "work_plan",
            "indicators",
            "frameworks",
            "ldp_project",
            "action_plan_project",
            "responsible_unit",
            "lead_position",
            "co_host_units",
            "supporter_units",
            "supervisor",
            "owner",
            "importance",
            "urgency",
            "status",
            "out_of_plan",
        ]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "rationale": forms.Textarea(attrs={"rows": 4}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "indicators": forms.SelectMultiple(attrs={"size": 5}),
            "co_host_units": forms.SelectMultiple(attrs={"size": 4}),
            "supporter_units": forms.SelectMultiple(attrs={"size": 4}),
        }
        help_texts = {
            "other_agency": _("For a project another agency runs in the area: its name."),
            "out_of_plan": _("Added during the year, outside the announced plan."),
        }

    SECTIONS = [
        (
            _("What and why"),
            ["code", "name", "rationale", "objectives", "target_group", "target_count"],
        ),
        (_("Where and when"), ["place", "start_date", "end_date", "months"]),
        (
            _("Strategy links"),
            [
                "issue",
                "strategy",
                "work_plan",
                "indicators",
                "frameworks",
                "ldp_project",
                "action_plan_project",
            ],
        ),
        (
            _("People"),
            [
                "responsible_unit",
                "lead_position",
                "co_host_units",
                "supporter_units",
                "supervisor",
                "owner",
                "other_agency",
            ],
        ),
        (_("Priority and status"), ["importance", "urgency", "status", "out_of_plan"]),
    ]
    field_columns = {
        "code": "col-md-3",
        "name": "col-md-9",
        "target_group": "col-md-8",
        "target_count": "col-md-4",
        "start_date": "col-md-6",
        "end_date": "col-md-6",
        "issue": "col-md-6",
        "strategy": "col-md-6",
        "responsible_unit": "col-md-6",
        "lead_position": "col-md-6",
        "co_host_units": "col-md-6",
        "supporter_units": "col-md-6",
        "supervisor": "col-md-6",
        "owner": "col-md-6",
        "importance": "col-md-3 col-6",
        "urgency": "col-md-3 col-6",
        "status": "col-md-6",
    }

    def __init__(self, *args, plan: AnnualPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        org = plan.organization
        multi = plan.multi_year_plan_id
        f = self.fields
        f["issue"].queryset = Issue.objects.filter(plan_id=multi).order_by("number")
        f["strategy"].queryset = (
            Strategy.objects.filter(issue__plan_id=multi)
            .select_related("issue")
            .order_by("issue__number", "sort_order")
        )
        f["strategy"].label_from_instance = lambda s: f"{s.issue.number}.{s.number} {s.name}"
        f["indicators"].queryset = Indicator.objects.filter(plan_id=multi).order_by("number")
        f["indicators"].label_from_instance = lambda i: f"{i.number} {i.name}"
        units = Unit.objects.filter(organization=org).order_by("sort_order", "name_th")
        for name in ("responsible_unit", "co_host_units", "supporter_units"):
            f[name].queryset = units
        positions = Position.objects.filter(organization=org).order_by("sort_order", "title_th")
        f["lead_position"].queryset = f["supervisor"].queryset = positions
        f["owner"].queryset = Person.objects.filter(organization=org).order_by(
            "first_name_th", "last_name_th"
        )
        operational = plan.kind == c.AnnualPlanKind.OPERATIONAL_PLAN
        if operational:
            f["ldp_project"].queryset = PlanProject.objects.filter(
                plan__organization=org, plan__kind=PlanKind.LOCAL_DEVELOPMENT
            ).order_by("plan__start_year", "number")
        else:
            del f["ldp_project"], f["other_agency"]
        if plan.action_plan_id:
            f["action_plan_project"].queryset = Project.objects.filter(plan_id=plan.action_plan_id)
        else:
            del f["action_plan_project"]
        if not plan.previous_id:  # out of plan only means something in a later edition
            del f["out_of_plan"]
        if self.instance.pk is None:
            del f["status"], f["version"]
        else:
            f["version"].required = True
            f["version"].initial = self.instance.version

    def sections(self):
        """(heading, bound fields) in order; fields this plan does not use are left out."""
        for heading, names in self.SECTIONS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                yield heading, fields

    def clean(self):
        data = super().clean()
        strategy, issue = data.get("strategy"), data.get("issue")
        if strategy and not issue:
            data["issue"] = strategy.issue
        elif strategy and issue and strategy.issue_id != issue.pk:
            self.add_error("strategy", _("This strategy belongs to another strategic issue."))
        return data

    def service_fields(self) -> dict:
        """The cleaned values for ``project_create`` / ``project_update``."""
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


# --- parts of a project -------------------------------------------------------------------
class OutputForm(forms.ModelForm):
    class Meta:
        model = ProjectOutput
        fields = ["kind", "description", "unit", "target"]

    field_columns = {
        "kind": "col-md-3",
        "description": "col-md-9",
        "unit": "col-md-6",
        "target": "col-md-6",
    }


class ActivityForm(forms.ModelForm):
    start_date = ThaiDateField(label=_("Start date"), required=False)
    end_date = ThaiDateField(label=_("End date"), required=False)
    months = MonthsField()

    class Meta:
        model = Activity
        fields = [
            "name",
            "method",
            "start_date",
            "end_date",
            "months",
            "time_place",
            "responsible_position",
        ]
        widgets = {"method": forms.Textarea(attrs={"rows": 2})}

    field_columns = {
        "start_date": "col-md-6",
        "end_date": "col-md-6",
        "time_place": "col-md-6",
        "responsible_position": "col-md-6",
    }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_position"].queryset = Position.objects.filter(
            organization_id=project.plan.organization_id
        ).order_by("sort_order", "title_th")


class RiskForm(forms.ModelForm):
    likelihood = forms.TypedChoiceField(label=_("Likelihood (1–5)"), choices=SCORES, coerce=int)
    impact = forms.TypedChoiceField(label=_("Impact (1–5)"), choices=SCORES, coerce=int)

    class Meta:
        model = Risk
        fields = ["activity", "description", "likelihood", "impact", "mitigation", "fallback_plan"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "mitigation": forms.Textarea(attrs={"rows": 2}),
            "fallback_plan": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"activity": _("Leave empty for a risk of the whole project.")}

    field_columns = {
        "likelihood": "col-6",
        "impact": "col-6",
        "mitigation": "col-md-6",
        "fallback_plan": "col-md-6",
    }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = project.activities.all()
        self.fields["activity"].empty_label = _("The whole project")


class MonthlyAmountsWidget(forms.MultiWidget):
    template_name = "plans/_budget_months_widget.html"

    def __init__(self, attrs=None):
        attrs = {"inputmode": "decimal", **(attrs or {})}
        super().__init__([forms.TextInput(attrs) for _m in FISCAL_MONTHS], attrs)

    def decompress(self, value):
        if isinstance(value, list) and len(value) == 12:
            return value
        return [None] * 12

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        labels = fiscal_month_labels()
        for sub, (_n, label) in zip(context["widget"]["subwidgets"], labels, strict=True):
            sub["label"] = label
        return context


class MonthlyAmountsField(forms.MultiValueField):
    """Twelve optional amounts, October first; all empty means no profile."""

    widget = MonthlyAmountsWidget

    def __init__(self, **kwargs):
        fields = [
            forms.DecimalField(required=False, min_value=0, decimal_places=2)
            for _m in FISCAL_MONTHS
        ]
        super().__init__(fields, require_all_fields=False, required=False, **kwargs)

    def compress(self, data_list):
        if not data_list or all(v is None for v in data_list):
            return []
        return [str(v if v is not None else Decimal(0)) for v in data_list]


class BudgetLineForm(forms.ModelForm):
    amount = forms.DecimalField(
        label=_("Amount (baht)"), min_value=0, max_digits=16, decimal_places=2
    )
    monthly_plan = MonthlyAmountsField(
        label=_("Planned spending by month"),
        help_text=_("Optional. Twelve amounts, October to September, adding up to the amount."),
    )

    class Meta:
        model = BudgetLine
        fields = [
            "activity",
            "source",
            "category",
            "appropriation_line",
            "description",
            "amount",
            "monthly_plan",
        ]

    field_columns = {
        "source": "col-md-6",
        "category": "col-md-6",
        "description": "col-md-8",
        "amount": "col-md-4",
    }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        plan = project.plan
        f = self.fields
        f["activity"].queryset = project.activities.all()
        f["activity"].empty_label = _("The whole project")
        f["source"].queryset = BudgetSource.objects.all()
        ids, choices = category_choices(scope_of(plan.organization))
        f["category"].queryset = ExpenseCategory.objects.filter(pk__in=ids)
        f["category"].widget.choices = choices
        lines = appropriation_lines(plan.organization_id, plan.fiscal_year)
        f["appropriation_line"].queryset = lines
        f["appropriation_line"].label_from_instance = appropriation_line_label
        f["appropriation_line"].help_text = _(
            "The line of this year's appropriation the money comes from; the amount left "
            "on each line is shown."
        )


def appropriation_lines(organization_id: int, fiscal_year: int):
    """The organisation's appropriation lines of the year with what is left on each."""
    return year_lines(organization_id, fiscal_year)


def appropriation_line_label(line) -> str:
    left = line_left(line)
    what = " · ".join(
        part for part in (line.code, line.programme, line.item or str(line.category)) if part
    )
    return str(_("%(line)s — %(left)s of %(amount)s baht left")) % {
        "line": what,
        "left": format_baht(left),
        "amount": format_baht(line.amount),
    }


class CopyFromLastYearForm(forms.Form):
    projects = forms.ModelMultipleChoiceField(
        label=_("Projects of last year's plan"),
        queryset=Project.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, source_plan: AnnualPlan | None, **kwargs):
        super().__init__(*args, **kwargs)
        if source_plan is not None:
            self.fields["projects"].queryset = source_plan.projects.order_by("sort_order", "id")
