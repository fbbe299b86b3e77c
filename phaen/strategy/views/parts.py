"""Inline editing of a draft plan's parts with htmx: the same URLs serve a full page
(without JavaScript) or a fragment (with htmx). After a save the affected section of the
plan page is sent back: the header (vision, missions, goals), one issue card, or the list
of issues."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from phaen.organizations.models import Unit
from phaen.strategy import forms, selectors, services
from phaen.strategy.models import Goal, Indicator, Issue, Mission, PlanProject, Strategy
from phaen.strategy.tree import plan_queryset
from phaen.strategy.views.common import get_plan, plan_crumbs, require_draft
from phaen.web.htmx import is_fragment


@dataclass(frozen=True)
class PartSpec:
    model: type
    form: type
    label: str
    in_issue: bool  # belongs to an issue (strategy, indicator, project)


PARTS = {
    "mission": PartSpec(Mission, forms.MissionForm, gettext_lazy("mission"), False),
    "goal": PartSpec(Goal, forms.GoalForm, gettext_lazy("goal"), False),
    "issue": PartSpec(Issue, forms.IssueForm, gettext_lazy("strategic issue"), False),
    "strategy": PartSpec(Strategy, forms.StrategyForm, gettext_lazy("strategy"), True),
    "indicator": PartSpec(Indicator, forms.IndicatorForm, gettext_lazy("indicator"), True),
    "project": PartSpec(PlanProject, forms.ProjectForm, gettext_lazy("project"), True),
}


def _spec(kind: str) -> PartSpec:
    if kind not in PARTS:
        raise Http404
    return PARTS[kind]


def _part(request, plan, spec: PartSpec, part_id: int):
    qs = spec.model.objects.for_user(request.user, "change")
    qs = qs.filter(issue__plan=plan) if spec.model is Strategy else qs.filter(plan=plan)
    return get_object_or_404(qs, pk=part_id)


def _issue_of(request, plan, part=None) -> Issue | None:
    if part is not None:
        return part if isinstance(part, Issue) else getattr(part, "issue", None)
    issue_id = request.GET.get("issue") or request.POST.get("issue")
    if not issue_id:
        return None
    return get_object_or_404(Issue.objects.filter(plan=plan), pk=issue_id)


def _form(spec, request, plan, instance, issue):
    data = request.POST if request.method == "POST" else None
    kwargs = {"instance": instance}
    if spec.model is Indicator:
        kwargs["years"] = plan.years
    elif spec.model is PlanProject:
        kwargs.update(
            issue=issue,
            years=plan.years if plan.kind == "local_development" else (),
            units=Unit.objects.filter(organization=plan.organization),
        )
    elif spec.model is Issue:
        parent = plan.organization.parent
        kwargs["parent_issues"] = (
            Issue.objects.filter(plan__organization=parent).select_related("plan")
            if parent
            else Issue.objects.none()
        )
    return spec.form(data, **kwargs)


def _new_instance(spec, plan, issue, request):
    if spec.model is Strategy:
        return Strategy(issue=issue, sort_order=issue.strategies.count() + 1)
    obj = spec.model(plan=plan)
    if spec.model is Issue:
        obj.number = (
            plan.issues.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        obj.sort_order = obj.number
    if spec.in_issue:
        obj.issue = issue
    if spec.model is Indicator and request.GET.get("parent"):
        obj.parent = get_object_or_404(
            Indicator.objects.filter(plan=plan), pk=request.GET["parent"]
        )
    return obj


def _save(spec, form, user):
    extra = (
        {"frameworks": form.cleaned_data.get("frameworks")} if "frameworks" in form.fields else {}
    )
    if spec.model is Indicator:
        return services.indicator_save(
            indicator=form.instance,
            by=user,
            targets=form.targets(),
            criteria=form.criteria(),
            **extra,
        )
    if spec.model is PlanProject:
        budgets = form.budgets() if form.years else None
        return services.project_save(project=form.instance, by=user, budgets=budgets, **extra)
    return services.part_save(instance=form.instance, by=user, **extra)


@login_required
def plan_section(request, pk: int, container: str):
    """GET one section of the plan page (the Cancel button of an inline form)."""
    return section(request, pk, container)


def section(request, plan_pk: int, container: str):
    """The plan page section ``container`` rendered alone (after a save or a cancel)."""
    plan = get_object_or_404(plan_queryset().for_user(request.user, "view"), pk=plan_pk)
    context = selectors.plan_page(plan, request.user)
    if container == "plan-header":
        return render(request, "strategy/_plan_header.html", context)
    if container == "issues":
        return render(request, "strategy/_issues.html", context)
    issue_id = int(container.removeprefix("issue-"))
    view = next((v for v in context["issues"] if v.issue.pk == issue_id), None)
    if view is None:
        raise Http404
    return render(request, "strategy/_issue.html", {**context, "view": view})


def form_id(kind: str, issue, adding: bool = True) -> str:
    """The id of the slot where an inline form of ``kind`` appears on the plan page: one per
    issue card for what belongs to an issue (and for editing the issue itself)."""
    if kind in {"mission", "goal"} or issue is None or (kind == "issue" and adding):
        return f"part-form-{kind}"
    return f"part-form-{kind}-{issue.pk}"


def _container(kind: str, obj, issue, adding: bool) -> str:
    if kind in {"mission", "goal"}:
        return "plan-header"
    if kind == "issue":
        return "issues" if adding else f"issue-{obj.pk}"
    return f"issue-{issue.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def part_edit(request, pk: int, kind: str, part_id: int | None = None):
    spec = _spec(kind)
    plan = get_plan(request, pk, "change")
    require_draft(plan)
    instance = _part(request, plan, spec, part_id) if part_id else None
    issue = _issue_of(request, plan, instance)
    if spec.in_issue and issue is None:
        raise Http404
    adding = instance is None
    instance = instance or _new_instance(spec, plan, issue, request)
    form = _form(spec, request, plan, instance, issue)
    container = _container(kind, instance, issue, adding)
    if request.method == "POST" and form.is_valid():
        try:
            _save(spec, form, request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if is_fragment(request):
                return section(request, plan.pk, _container(kind, form.instance, issue, adding))
            messages.success(request, _("Saved."))
            return redirect(reverse("strategy:plan_detail", args=[plan.pk]) + f"#{container}")
    context = {
        "plan": plan,
        "form": form,
        "kind": kind,
        "spec": spec,
        "issue": issue,
        "instance": instance,
        "adding": adding,
        "container": container,
        "form_id": form_id(kind, issue, adding),
        "action": request.get_full_path(),
    }
    if is_fragment(request):
        response = render(request, "strategy/_part_form.html", context)
        if request.method == "POST":  # invalid: show the form again where it was
            response = reswap(retarget(response, f"#{context['form_id']}"), "outerHTML")
        return response
    context["breadcrumbs"] = plan_crumbs(plan, (str(spec.label), None))
    return render(request, "strategy/part_form.html", context)


@login_required
@require_POST
def part_delete(request, pk: int, kind: str, part_id: int):
    spec = _spec(kind)
    plan = get_plan(request, pk, "change")
    require_draft(plan)
    instance = _part(request, plan, spec, part_id)
    issue = _issue_of(request, plan, instance)
    container = "issues" if kind == "issue" else _container(kind, instance, issue, False)
    try:
        services.part_delete(instance=instance, by=request.user)
    except ProtectedError:
        messages.error(request, _("This item is still used elsewhere and was not deleted."))
    if is_fragment(request):
        return section(request, plan.pk, container)
    return redirect(reverse("strategy:plan_detail", args=[plan.pk]) + f"#{container}")
