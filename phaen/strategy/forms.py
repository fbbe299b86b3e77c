"""Forms of the strategy pages. Values are validated again by the models' full_clean()."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from phaen.core.forms import ThaiDateField
from phaen.strategy import choices as c
from phaen.strategy.models import (
    FrameworkItem,
    Goal,
    Indicator,
    Issue,
    Mission,
    PlanProject,
    StrategicPlan,
    Strategy,
    SwotItem,
    TowsStrategy,
)


class FrameworkChoiceField(forms.ModelMultipleChoiceField):
    """Framework items grouped by framework (optgroups)."""

    def __init__(self, **kwargs):
        queryset = FrameworkItem.objects.select_related("framework").order_by(
            "framework__sort_order", "sort_order"
        )
        super().__init__(
            queryset=queryset,
            required=False,
            label=_("Alignment"),
            help_text=_("National strategy, master plans, NESDP milestones, SDGs …"),
            widget=forms.SelectMultiple(attrs={"size": 8}),
            **kwargs,
        )

    def label_from_instance(self, obj):
        return f"{obj.framework} — {obj.code} {obj.name_th}"


class PlanCreateForm(forms.ModelForm):
    class Meta:
        model = StrategicPlan
        fields = ["kind", "title", "start_year", "end_year", "vision"]
        widgets = {"vision": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"title": _("Leave empty to name it from the organisation and the years.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False


class PlanEditForm(forms.ModelForm):
    class Meta:
        model = StrategicPlan
        fields = [
            "title",
            "vision",
            "digits",
            "label_issue",
            "label_goal",
            "label_strategy",
            "weights_total_100",
        ]
        widgets = {"vision": forms.Textarea(attrs={"rows": 3})}


class MissionForm(forms.ModelForm):
    class Meta:
        model = Mission
        fields = ["number", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["number", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class IssueForm(forms.ModelForm):
    frameworks = FrameworkChoiceField()

    class Meta:
        model = Issue
        fields = ["number", "title", "objective", "serves", "frameworks"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "objective": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, parent_issues=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["serves"].queryset = (
            parent_issues if parent_issues is not None else Issue.objects.none()
        )
        self.fields["serves"].required = False


class StrategyForm(forms.ModelForm):
    frameworks = FrameworkChoiceField()

    class Meta:
        model = Strategy
        fields = ["number", "name", "frameworks"]
        widgets = {"name": forms.Textarea(attrs={"rows": 2})}


class IndicatorForm(forms.ModelForm):
    """An indicator with its yearly (and optional quarterly) targets and 1–5 criteria."""

    frameworks = FrameworkChoiceField()

    class Meta:
        model = Indicator
        fields = [
            "number",
            "name",
            "unit",
            "baseline_value",
            "baseline_year",
            "direction",
            "band_low",
            "band_high",
            "weight",
            "formula",
            "data_source",
            "measured_by",
            "frequency",
            "combination",
            "frameworks",
        ]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "formula": forms.Textarea(attrs={"rows": 2}),
            "data_source": forms.Textarea(attrs={"rows": 1}),
        }

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.years = list(years)
        existing = {}
        criteria = {}
        if self.instance.pk:
            existing = {(t.fiscal_year, t.quarter): t.value for t in self.instance.targets.all()}
            criteria = {k.level: k for k in self.instance.criteria.all()}
        for year in self.years:
            for quarter in (None, 1, 2, 3, 4):
                name = f"target_{year}" + (f"_q{quarter}" if quarter else "")
                label = (
                    (_("Target %(year)s") % {"year": year})
                    if quarter is None
                    else (_("%(year)s Q%(q)s") % {"year": year, "q": quarter})
                )
                self.fields[name] = forms.DecimalField(
                    label=label, required=False, initial=existing.get((year, quarter))
                )
        for level in range(1, 6):
            current = criteria.get(level)
            self.fields[f"criterion_{level}"] = forms.CharField(
                label=_("Level %(n)s") % {"n": level},
                required=False,
                initial=current.description if current else "",
            )
            self.fields[f"criterion_{level}_value"] = forms.DecimalField(
                label=_("Value for level %(n)s") % {"n": level},
                required=False,
                initial=current.value if current else None,
            )

    def targets(self) -> list[tuple[int, int | None, object]]:
        out = []
        for year in self.years:
            for quarter in (None, 1, 2, 3, 4):
                name = f"target_{year}" + (f"_q{quarter}" if quarter else "")
                value = self.cleaned_data.get(name)
                if value is not None:
                    out.append((year, quarter, value))
        return out

    def criteria(self) -> list[tuple[int, str, object]]:
        return [
            (
                level,
                self.cleaned_data.get(f"criterion_{level}") or "",
                self.cleaned_data.get(f"criterion_{level}_value"),
            )
            for level in range(1, 6)
            if self.cleaned_data.get(f"criterion_{level}")
            or self.cleaned_data.get(f"criterion_{level}_value") is not None
        ]


class ProjectForm(forms.ModelForm):
    frameworks = FrameworkChoiceField()

    class Meta:
        model = PlanProject
        fields = [
            "number",
            "name",
            "strategy",
            "is_flagship",
            "category",
            "work_plan",
            "objectives",
            "outputs",
            "kpi",
            "expected_results",
            "responsible_unit",
            "frameworks",
        ]
        widgets = {
            f: forms.Textarea(attrs={"rows": 2})
            for f in ("name", "objectives", "outputs", "kpi", "expected_results")
        }

    def __init__(self, *args, issue=None, years=(), units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = list(years)
        self.fields["strategy"].queryset = (
            issue.strategies.all() if issue else Strategy.objects.none()
        )
        self.fields["strategy"].required = False
        self.fields["responsible_unit"].queryset = (
            units if units is not None else self.fields["responsible_unit"].queryset.none()
        )
        budgets = (
            {b.year: b.amount for b in self.instance.year_budgets.all()} if self.instance.pk else {}
        )
        for year in self.years:
            self.fields[f"budget_{year}"] = forms.DecimalField(
                label=_("Budget %(year)s (baht)") % {"year": year},
                required=False,
                min_value=0,
                initial=budgets.get(year),
            )

    def budgets(self) -> dict[int, object]:
        return {
            y: self.cleaned_data[f"budget_{y}"]
            for y in self.years
            if self.cleaned_data.get(f"budget_{y}") is not None
        }


class SwotItemForm(forms.ModelForm):
    class Meta:
        model = SwotItem
        fields = ["quadrant", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "quadrant": forms.HiddenInput}


class TowsForm(forms.ModelForm):
    class Meta:
        model = TowsStrategy
        fields = ["kind", "items", "text", "strategy"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "items": forms.CheckboxSelectMultiple}

    def __init__(self, *args, items=None, strategies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = items if items is not None else SwotItem.objects.none()
        self.fields["strategy"].queryset = (
            strategies if strategies is not None else Strategy.objects.none()
        )
        self.fields["strategy"].required = False

    def clean(self):
        data = super().clean()
        kind, items = data.get("kind"), data.get("items")
        if kind and items is not None:
            wanted = set(kind)
            have = {item.quadrant for item in items}
            if not wanted <= have or not have <= wanted:
                self.add_error(
                    "items",
                    _(
                        "A %(kind)s pairing needs at least one %(a)s item and one "
                        "%(b)s item, and no other kind."
                    )
                    % {"kind": kind, "a": kind[0], "b": kind[1]},
                )
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Plan document or workbook"),
        help_text=_(
            ".txt or .docx in the usual Thai layout, the Excel template, or the exchange JSON"
        ),
    )
    start_year = forms.IntegerField(
        label=_("First fiscal year (B.E.)"),
        min_value=2400,
        max_value=2800,
        required=False,
        help_text=_("Leave empty to read it from the document."),
    )
    end_year = forms.IntegerField(
        label=_("Last fiscal year (B.E.)"),
        min_value=2400,
        max_value=2800,
        required=False,
        help_text=_("Leave empty to read it from the document."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of plan"), choices=c.PlanKind.choices, initial=c.PlanKind.STRATEGIC
    )


class ImportTextForm(forms.Form):
    """The preview step: the document's text, editable, parsed again on every check."""

    text = forms.CharField(label=_("Document text"), widget=forms.Textarea(attrs={"rows": 18}))
    start_year = forms.IntegerField(
        label=_("First fiscal year (B.E.)"), min_value=2400, max_value=2800
    )
    end_year = forms.IntegerField(
        label=_("Last fiscal year (B.E.)"), min_value=2400, max_value=2800
    )
    kind = forms.ChoiceField(label=_("Kind of plan"), choices=c.PlanKind.choices)
    title = forms.CharField(label=_("Title"), required=False)


class EditionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of edition"), choices=c.EditionKind.choices)
    year = forms.IntegerField(label=_("Year (B.E.)"), min_value=2400, max_value=2800)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class EditionStepForm(forms.Form):
    step = forms.ModelChoiceField(label=_("Step"), queryset=None)
    date = ThaiDateField(label=_("Date"))
    decision = forms.CharField(label=_("Decision"), initial="เห็นชอบ")
    note = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args, steps=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = steps


class EditionProjectForm(forms.Form):
    """A project added by an edition (the ผ.02 columns and the yearly budgets)."""

    strategy = forms.ModelChoiceField(label=_("Strategy / development approach"), queryset=None)
    name = forms.CharField(label=_("Project"), widget=forms.Textarea(attrs={"rows": 2}))
    category = forms.ChoiceField(label=_("Category"), choices=c.ProjectCategory.choices)
    work_plan = forms.ModelChoiceField(label=_("Work plan"), queryset=None, required=False)
    objectives = forms.CharField(
        label=_("Objectives"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    outputs = forms.CharField(label=_("Targets (outputs)"), required=False)
    kpi = forms.CharField(label=_("Indicator (KPI)"), required=False)
    expected_results = forms.CharField(label=_("Expected results"), required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, plan=None, **kwargs):
        from phaen.budget.models import WorkPlan

        super().__init__(*args, **kwargs)
        self.years = plan.years
        self.fields["strategy"].queryset = Strategy.objects.filter(issue__plan=plan).select_related(
            "issue"
        )
        self.fields["work_plan"].queryset = WorkPlan.objects.all()
        for year in self.years:
            self.fields[f"budget_{year}"] = forms.DecimalField(
                label=_("Budget %(year)s (baht)") % {"year": year}, required=False, min_value=0
            )

    def tree_data(self) -> dict:
        d = self.cleaned_data
        return {
            "name": d["name"],
            "category": d["category"],
            "work_plan": d["work_plan"].ordinal if d["work_plan"] else None,
            "objectives": d["objectives"],
            "outputs": d["outputs"],
            "kpi": d["kpi"],
            "expected_results": d["expected_results"],
            "reason": d["reason"],
            "budgets": {
                str(y): d[f"budget_{y}"] for y in self.years if d.get(f"budget_{y}") is not None
            },
        }
