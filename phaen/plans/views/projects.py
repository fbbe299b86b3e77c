"""Editing annual plans and their projects: create a plan, create and edit a project (with
lost-update protection), the project page with its outputs, activities, risks and budget
lines edited inline with htmx (the same URLs serve a fragment or a full page), and copying
projects between fiscal years.

A frozen (approved or announced) plan shows read-only; every write to it answers 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from phaen.core.forms import add_service_errors
from phaen.core.frozen import FrozenRecordError
from phaen.organizations import access
from phaen.plans import choices as c
from phaen.plans import forms, services
from phaen.plans.models import (
    FROZEN_STATES,
    Activity,
    AnnualPlan,
    BudgetLine,
    Project,
    ProjectOutput,
    Risk,
)
from phaen.web.htmx import is_fragment

ZERO = Decimal(0)
EDITABLE_STATES = (c.PlanState.DRAFT, c.PlanState.RETURNED)


def _crumbs(plan: AnnualPlan | None = None, *extra):
    crumbs = [{"label": _("Annual plans"), "url": reverse("plans:plan_list")}]
    if plan is not None:
        crumbs.append({"label": plan.title, "url": reverse("plans:plan_detail", args=[plan.pk])})
    return crumbs + [{"label": label, "url": url} for label, url in extra]


def _require_unfrozen(plan: AnnualPlan) -> None:
    if plan.state in FROZEN_STATES:
        raise FrozenRecordError(
            _("This plan is approved or announced and cannot be changed; make a new edition.")
        )


def _plan(request, pk: int, action: str = "view") -> AnnualPlan:
    """The plan if the user may see it (404 otherwise) and may ``action`` it (403)."""
    qs = AnnualPlan.objects.select_related("organization__kind", "multi_year_plan")
    plan = get_object_or_404(qs.for_user(request.user, "view"), pk=pk)
    if action != "view" and not access.can(request.user, action, plan):
        raise PermissionDenied(_("You may not change this plan."))
    return plan


def _project(request, pk: int, action: str = "view", qs=None) -> Project:
    """The project if the user may see it (404) and may ``action`` it (403)."""
    qs = qs if qs is not None else Project.objects.select_related("plan__organization__kind")
    project = get_object_or_404(qs.for_user(request.user, "view"), pk=pk)
    if action != "view" and not access.can(request.user, action, project):
        raise PermissionDenied(_("You may not change this project."))
    return project


# --- plan ---------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    org = request.organization
    if org is None:
        raise Http404
    if not access.can_in_org(request.user, "edit_plans", org):
        raise PermissionDenied(_("You may not make plans for this organisation."))
    form = forms.PlanCreateForm(
        request.POST or None, organization=org, fiscal_year=request.fiscal_year
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                organization=org,
                fiscal_year=request.fiscal_year,
                by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The plan was created."))
            return redirect("plans:plan_detail", plan.pk)
    return render(
        request,
        "plans/plan_form.html",
        {
            "form": form,
            "organization": org,
            "fiscal_year": request.fiscal_year,
            "breadcrumbs": _crumbs(None, (_("New annual plan"), None)),
        },
    )


# --- project ------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def project_create(request, pk: int):
    plan = _plan(request, pk, "change")
    _require_unfrozen(plan)
    form = forms.ProjectForm(request.POST or None, plan=plan, instance=Project(plan=plan))
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(plan=plan, by=request.user, **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The project was added."))
            return redirect("plans:project_detail", project.pk)
    return render(
        request,
        "plans/project_form.html",
        {
            "form": form,
            "plan": plan,
            "adding": True,
            "breadcrumbs": _crumbs(plan, (_("New project"), None)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, pk: int):
    project = _project(request, pk, "change")
    plan = project.plan
    read_only = plan.state in FROZEN_STATES
    if request.method == "POST":
        _require_unfrozen(plan)
    form = forms.ProjectForm(request.POST or None, plan=plan, instance=project)
    if read_only:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(
                project=project,
                version=form.cleaned_data["version"],
                by=request.user,
                **form.service_fields(),
            )
        except ValidationError as exc:  # StaleEditError too: the input stays in the form
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("plans:project_detail", project.pk)
    return render(
        request,
        "plans/project_form.html",
        {
            "form": form,
            "plan": plan,
            "project": project,
            "adding": False,
            "read_only": read_only,
            "breadcrumbs": _crumbs(
                plan,
                (project.name, reverse("plans:project_detail", args=[project.pk])),
                (_("Edit"), None),
            ),
        },
    )


def _page_queryset():
    return Project.objects.select_related(
        "plan__organization__kind",
        "plan__multi_year_plan",
        "issue",
        "strategy",
        "work_plan",
        "responsible_unit",
        "lead_position",
        "supervisor",
        "owner",
        "ldp_project",
        "action_plan_project",
        "copied_from__plan",
    ).prefetch_related(
        "indicators",
        "frameworks__framework",
        "co_host_units",
        "supporter_units",
        "outputs",
        Prefetch("activities", Activity.objects.select_related("responsible_position")),
        Prefetch("risks", Risk.objects.select_related("activity")),
        Prefetch(
            "budget_lines",
            BudgetLine.objects.select_related(
                "source", "category__parent", "appropriation_line", "activity"
            ),
        ),
    )


@dataclass
class ActivityRow:
    activity: Activity
    total: Decimal
    risks: list


def project_page(project: Project, user) -> dict:
    """What the project page and its inline sections show (a fixed number of queries)."""
    plan = project.plan
    lines = list(project.budget_lines.all())
    risks = list(project.risks.all())
    per_activity: dict = {}
    for line in lines:
        per_activity[line.activity_id] = per_activity.get(line.activity_id, ZERO) + line.amount
    rows = [
        ActivityRow(a, per_activity.get(a.pk, ZERO), [r for r in risks if r.activity_id == a.pk])
        for a in project.activities.all()
    ]
    used = {line.appropriation_line_id for line in lines if line.appropriation_line_id}
    left = {}
    if used:
        for appro in forms.appropriation_lines(plan.organization_id, plan.fiscal_year).filter(
            pk__in=used
        ):
            left[appro.pk] = appro.amount - appro.drawn - appro.allocated
    for line in lines:
        line.left_on_appropriation = left.get(line.appropriation_line_id)
    frozen = plan.state in FROZEN_STATES
    can_edit = not frozen and access.can(user, "change", project)
    return {
        "project": project,
        "plan": plan,
        "frozen": frozen,
        "can_edit": can_edit,
        "can_delete": can_edit and access.can(user, "delete", project),
        "can_copy": access.can_in_org(user, "edit_plans", plan.organization),
        "outputs": list(project.outputs.all()),
        "activity_rows": rows,
        "project_risks": [r for r in risks if r.activity_id is None],
        "risk_count": len(risks),
        "lines": lines,
        "unassigned_total": per_activity.get(None, ZERO),
        "total": sum(per_activity.values(), ZERO),
        "fiscal_months": forms.fiscal_month_labels(),
    }


@login_required
def project_detail(request, pk: int):
    project = _project(request, pk, qs=_page_queryset())
    context = project_page(project, request.user)
    context["breadcrumbs"] = _crumbs(project.plan, (project.name, None))
    return render(request, "plans/project_detail.html", context)


@login_required
def project_parts(request, pk: int):
    """The inline sections alone (after a save, or the Cancel button of an inline form)."""
    project = _project(request, pk, qs=_page_queryset())
    return render(request, "plans/_project_parts.html", project_page(project, request.user))


def _parts_response(request, project: Project, anchor: str):
    if is_fragment(request):
        return project_parts(request, project.pk)
    messages.success(request, _("Saved."))
    return redirect(reverse("plans:project_detail", args=[project.pk]) + f"#{anchor}")


# --- parts of a project -------------------------------------------------------------------
@dataclass(frozen=True)
class PartSpec:
    model: type
    form: type
    label: str
    anchor: str
    needs_project: bool


PARTS = {
    "output": PartSpec(
        ProjectOutput, forms.OutputForm, gettext_lazy("expected result"), "outputs", False
    ),
    "activity": PartSpec(
        Activity, forms.ActivityForm, gettext_lazy("activity"), "activities", True
    ),
    "risk": PartSpec(Risk, forms.RiskForm, gettext_lazy("risk"), "risks", True),
    "budget": PartSpec(
        BudgetLine, forms.BudgetLineForm, gettext_lazy("budget line"), "budget", True
    ),
}


def _spec(kind: str) -> PartSpec:
    if kind not in PARTS:
        raise Http404
    return PARTS[kind]


def _new_part(spec: PartSpec, project: Project):
    part = spec.model(project=project)
    if spec.model is Activity:
        part.sort_order = project.activities.count() + 1
    return part


@login_required
@require_http_methods(["GET", "POST"])
def part_edit(request, pk: int, kind: str, part_id: int | None = None):
    spec = _spec(kind)
    project = _project(request, pk)
    if part_id is not None:
        visible = spec.model.objects.for_user(request.user, "view").filter(project=project)
        instance = get_object_or_404(visible, pk=part_id)
    else:
        instance = _new_part(spec, project)
    if not access.can(request.user, "change", project):
        raise PermissionDenied(_("You may not change this project."))
    _require_unfrozen(project.plan)
    kwargs = {"project": project} if spec.needs_project else {}
    form = spec.form(request.POST or None, instance=instance, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            services.part_save(instance=form.instance, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _parts_response(request, project, spec.anchor)
    context = {
        "project": project,
        "plan": project.plan,
        "form": form,
        "kind": kind,
        "spec": spec,
        "adding": part_id is None,
        "action": request.get_full_path(),
        "form_id": f"part-form-{kind}",
    }
    if is_fragment(request):
        response = render(request, "plans/_project_part_form.html", context)
        if request.method == "POST":  # invalid: show the form again where it was
            response = reswap(retarget(response, f"#{context['form_id']}"), "outerHTML")
        return response
    context["breadcrumbs"] = _crumbs(
        project.plan,
        (project.name, reverse("plans:project_detail", args=[project.pk])),
        (str(spec.label).capitalize(), None),
    )
    return render(request, "plans/project_part_form.html", context)


@login_required
@require_POST
def part_delete(request, pk: int, kind: str, part_id: int):
    spec = _spec(kind)
    project = _project(request, pk)
    visible = spec.model.objects.for_user(request.user, "view").filter(project=project)
    instance = get_object_or_404(visible, pk=part_id)
    if not access.can(request.user, "delete", instance):
        raise PermissionDenied(_("You may not delete parts of this project."))
    _require_unfrozen(project.plan)
    services.part_delete(instance=instance, by=request.user)
    return _parts_response(request, project, spec.anchor)


# --- copying between fiscal years ---------------------------------------------------------
def _last_years_plan(request, plan: AnnualPlan) -> AnnualPlan | None:
    """The latest edition of the same organisation's plan of the same kind a year earlier."""
    return (
        AnnualPlan.objects.for_user(request.user, "view")
        .filter(
            organization=plan.organization,
            kind=plan.kind,
            fiscal_year=plan.fiscal_year - 1,
            next_editions__isnull=True,
        )
        .order_by("-edition_number", "-pk")
        .first()
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_copy_from(request, pk: int):
    plan = _plan(request, pk, "change")
    _require_unfrozen(plan)
    source = _last_years_plan(request, plan)
    form = forms.CopyFromLastYearForm(request.POST or None, source_plan=source)
    if request.method == "POST" and form.is_valid():
        projects = form.cleaned_data["projects"]
        for project in projects:
            services.project_copy(project=project, to_plan=plan, by=request.user)
        messages.success(
            request,
            ngettext(
                "%(n)d project was copied from last year's plan.",
                "%(n)d projects were copied from last year's plan.",
                len(projects),
            )
            % {"n": len(projects)},
        )
        return redirect("plans:plan_detail", plan.pk)
    return render(
        request,
        "plans/project_copy_from.html",
        {
            "plan": plan,
            "source": source,
            "form": form,
            "breadcrumbs": _crumbs(plan, (_("Copy from last year"), None)),
        },
    )


def _next_years_plan(request, plan: AnnualPlan) -> AnnualPlan:
    """Next year's draft plan of the same kind, created (as a draft) when there is none."""
    later = AnnualPlan.objects.for_user(request.user, "view").filter(
        organization=plan.organization, kind=plan.kind, fiscal_year=plan.fiscal_year + 1
    )
    target = later.filter(state__in=EDITABLE_STATES).order_by("-edition_number", "-pk").first()
    if target is not None:
        return target
    if later.exists():
        raise ValidationError(
            _("Next year's plan is already in review or approved; it takes no more projects.")
        )
    multi = plan.multi_year_plan
    covers = multi is not None and multi.start_year <= plan.fiscal_year + 1 <= multi.end_year
    return services.plan_create(
        organization=plan.organization,
        kind=plan.kind,
        fiscal_year=plan.fiscal_year + 1,
        multi_year_plan=multi if covers else None,
        by=request.user,
    )


@login_required
@require_POST
def project_copy_next(request, pk: int):
    """Copy the project into next year's plan of the same kind (drafted while this year
    runs); the draft is created when there is none yet."""
    project = _project(request, pk)
    plan = project.plan
    if not access.can_in_org(request.user, "edit_plans", plan.organization):
        raise PermissionDenied(_("You may not make plans for this organisation."))
    try:
        with transaction.atomic():
            target = _next_years_plan(request, plan)
            copy = services.project_copy(project=project, to_plan=target, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("plans:project_detail", project.pk)
    messages.success(
        request,
        _("The project was copied into %(plan)s.") % {"plan": copy.plan.title},
    )
    return redirect("plans:project_detail", copy.pk)


urlpatterns = [
    path("new/", plan_create, name="plan_create"),
    path("<int:pk>/projects/new/", project_create, name="project_create"),
    path("<int:pk>/copy-from-last-year/", project_copy_from, name="project_copy_from"),
    path("projects/<int:pk>/", project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", project_edit, name="project_edit"),
    path("projects/<int:pk>/parts/", project_parts, name="project_parts"),
    path("projects/<int:pk>/copy-to-next-year/", project_copy_next, name="project_copy_next"),
    path("projects/<int:pk>/<str:kind>/add/", part_edit, name="part_add"),
    path("projects/<int:pk>/<str:kind>/<int:part_id>/", part_edit, name="part_edit"),
    path("projects/<int:pk>/<str:kind>/<int:part_id>/delete/", part_delete, name="part_delete"),
]
