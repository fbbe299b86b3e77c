"""The follow-up dashboard for executives and planners: the current organisation's plan in
force for the current fiscal year — project status, money against plan and the government's
targets (S-curve), indicator achievement per strategic issue, warnings — with drill-down
from the plan to an issue to its projects, filters by unit and quarter, and the parent's
rolled-up view of its children's plans. Every chart has its numbers as a table.

The figures are those of the follow-up reports (``phaen.reports.builders.followup_data``),
so the dashboard and the quarterly report never disagree. The number of queries does not
depend on the number of projects.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from phaen.organizations import access
from phaen.organizations.models import Organization, Unit
from phaen.plans import choices as pc
from phaen.plans.models import AnnualPlan

QUARTERS = [("", gettext_lazy("Year to date"))] + [
    (str(q), gettext_lazy("Quarter %(n)s") % {"n": q}) for q in range(1, 5)
]
SCOPES = [
    ("own", gettext_lazy("This organisation")),
    ("children", gettext_lazy("Organisations under it (rolled up)")),
]


class DashboardFilter(forms.Form):
    plan = forms.TypedChoiceField(label=gettext_lazy("Plan"), coerce=int, required=False)
    unit = forms.TypedChoiceField(
        label=gettext_lazy("Unit"), coerce=int, required=False, empty_value=None
    )
    quarter = forms.TypedChoiceField(
        label=gettext_lazy("Quarter"),
        choices=QUARTERS,
        coerce=int,
        required=False,
        empty_value=None,
    )
    scope = forms.ChoiceField(label=gettext_lazy("View"), choices=SCOPES, required=False)
    issue = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, plans, units, has_children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [(p.pk, _plan_label(p)) for p in plans]
        if not plans:  # nothing to choose: the page says there is no plan yet
            del self.fields["plan"]
        self.fields["unit"].choices = [("", _("All units"))] + [(u.pk, u.name) for u in units]
        if not has_children:
            del self.fields["scope"]


def _plan_label(plan: AnnualPlan) -> str:
    edition = f" {plan.edition_label}" if plan.edition_kind != pc.EditionKind.ORIGINAL else ""
    return f"{plan.title}{edition} ({plan.get_state_display()})"


def _in_force(plans: list[AnnualPlan]) -> AnnualPlan | None:
    """Monitoring's rule (the follow-up pages and warnings use it too): the latest approved
    or announced edition, else the newest (``plans`` come newest edition first)."""
    frozen = [p for p in plans if p.state in (pc.PlanState.APPROVED, pc.PlanState.ANNOUNCED)]
    return frozen[0] if frozen else (plans[0] if plans else None)


def _period(fd, organization, fiscal_year: int, quarter: int | None, today: dt.date):
    if quarter:
        return fd.period_of(
            organization=organization,
            fiscal_year=fiscal_year,
            code=f"Q{quarter}",
            kinds=("quarter",),
        )
    code = fd.default_period_code(fiscal_year, "month", today)
    return fd.period_of(
        organization=organization, fiscal_year=fiscal_year, code=code, kinds=("month",)
    )


def _warnings(organization, fiscal_year: int, today: dt.date, unit_id: int | None) -> list:
    """The alerts app's warnings for the organisation's plan in force (of the unit when
    the dashboard is filtered by one), most urgent first."""
    from phaen.alerts.selectors import warnings

    found = warnings(organization, fiscal_year, today=today)
    return [w for w in found if unit_id is None or w.unit_id == unit_id]


def _chart_data(data) -> dict:
    """What the charts draw (the tables under them print the same numbers)."""
    total = data.total
    return {
        "status": {
            "labels": [str(v) for v in _status_labels().values()],
            "values": [total.projects_by_status[s] for s in _status_labels()],
        },
        "curve": {
            "labels": [p.label for p in data.curve],
            "planned": [float(p.planned) for p in data.curve],
            "actual": [None if p.actual is None else float(p.actual) for p in data.curve],
            "target": [None if p.target is None else float(p.target) for p in data.curve],
        },
        "issues": {
            "labels": [
                g.title if g.number is None else f"{g.number}. {g.title}" for g in data.groups
            ],
            "achievement": [float(g.weighted_achievement) for g in data.groups],
            "disbursed": [float(g.money.disbursed_pct) for g in data.groups],
        },
    }


def _status_labels() -> dict:
    from phaen.reports.builders.followup_data import status_labels

    return status_labels()


@require_GET
@login_required
def dashboard(request):
    from phaen.reports.builders import followup_data as fd

    org = request.organization
    if not org:
        return render(request, "web/home_no_organization.html")
    if not access.can_in_org(request.user, "view", org):
        raise PermissionDenied
    fy, today = request.fiscal_year, timezone.localdate()
    plans = list(
        AnnualPlan.objects.for_user(request.user, "view")
        .filter(organization=org, fiscal_year=fy)
        .select_related("organization", "multi_year_plan")
        .order_by("-edition_number", "-pk")
    )
    units = list(Unit.objects.filter(organization=org).order_by("sort_order", "code"))
    children = list(
        Organization.objects.for_user(request.user, "view").filter(parent=org).order_by("code")
    )
    form = DashboardFilter(
        request.GET or None, plans=plans, units=units, has_children=bool(children)
    )
    chosen = form.cleaned_data if form.is_valid() else {}
    scope = chosen.get("scope") or "own"
    quarter = chosen.get("quarter")
    period = _period(fd, org, fy, quarter, today)
    context = {
        "form": form,
        "period": period,
        "scope": scope,
        "children": children,
        "status_keys": fd.STATUSES,
        "breadcrumbs": [{"label": _("Dashboard"), "url": None}],
        "warnings": _warnings(org, fy, today, chosen.get("unit")),
        "print_period": f"Q{quarter}" if quarter else fd.default_period_code(fy, "quarter", today),
    }
    if scope == "children" and children:
        child_plans = list(
            AnnualPlan.objects.for_user(request.user, "view")
            .filter(organization__in=children, fiscal_year=fy)
            .select_related("organization", "multi_year_plan")
            .order_by("-edition_number", "-pk")
        )
        per_org: dict[int, list] = {}
        for plan in child_plans:
            per_org.setdefault(plan.organization_id, []).append(plan)
        chosen_plans = [_in_force(found) for found in per_org.values()]
        own = _in_force(plans)
        if own is not None:
            chosen_plans.insert(0, own)
        data = fd.collect(
            user=request.user, plans=chosen_plans, period=period, by="organization", today=today
        )
        context.update(data=data, plan=None, rollup=True)
    else:
        plan = next((p for p in plans if p.pk == chosen.get("plan")), None) or _in_force(plans)
        if plan is None:
            return render(request, "web/dashboard.html", {**context, "data": None})
        data = fd.collect(
            user=request.user, plans=[plan], period=period, unit_id=chosen.get("unit"), today=today
        )
        context.update(data=data, plan=plan, rollup=False)
    issue = chosen.get("issue") or ""
    group = next((g for g in data.groups if g.key == issue), None) if issue else None
    late = [p for p in data.projects if p.behind]
    context.update(
        group=group,
        projects=group.projects if group is not None else None,
        late=late,
        charts=_chart_data(data),
        status_rows=[
            (label, data.total.projects_by_status[key]) for key, label in _status_labels().items()
        ],
        issue_query=_query(request, drop="issue"),
    )
    return render(request, "web/dashboard.html", context)


def _query(request, *, drop: str) -> str:
    """The current filters as a query string without ``drop`` (for drill-down links)."""
    params = request.GET.copy()
    params.pop(drop, None)
    text = params.urlencode()
    return f"{text}&" if text else ""


__all__ = ["dashboard"]
