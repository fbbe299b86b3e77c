"""Editions of a local development plan: list, create, add or remove projects, record the
approval route's steps, approve; and the plan as it stood after any edition."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from phaen.organizations import access
from phaen.strategy import editions
from phaen.strategy.forms import EditionForm, EditionProjectForm, EditionStepForm
from phaen.strategy.models import PlanEdition, PlanProject
from phaen.strategy.views.common import get_plan, plan_crumbs


def _local_plan(request, pk, action="view"):
    plan = get_plan(request, pk, action)
    if plan.kind != "local_development":
        raise Http404
    return plan


@login_required
@require_http_methods(["GET", "POST"])
def edition_list(request, pk: int):
    plan = _local_plan(request, pk)
    can_edit = plan.status == "approved" and access.can(request.user, "change", plan)
    form = EditionForm(request.POST or None, initial={"year": request.fiscal_year})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(_("Editions are made on an approved plan by its planners."))
        if form.is_valid():
            try:
                edition = editions.edition_create(plan=plan, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("strategy:edition_detail", plan.pk, edition.pk)
    items = PlanEdition.objects.filter(plan=plan).prefetch_related(
        "approvals__step", "added", "removed"
    )
    return render(
        request,
        "strategy/edition_list.html",
        {
            "plan": plan,
            "editions": items,
            "form": form,
            "can_edit": can_edit,
            "original": editions.projects_as_of(plan).count(),
            "breadcrumbs": plan_crumbs(plan, (_("Editions"), None)),
        },
    )


def _edition(request, plan, edition_pk):
    return get_object_or_404(PlanEdition.objects.filter(plan=plan), pk=edition_pk)


@login_required
def edition_detail(request, pk: int, edition_pk: int):
    plan = _local_plan(request, pk)
    edition = _edition(request, plan, edition_pk)
    can_edit = edition.status == "draft" and access.can(request.user, "change", plan)
    projects = (
        editions.projects_as_of(plan, edition)
        .select_related("issue", "strategy", "work_plan", "added_in")
        .prefetch_related("year_budgets")
    )
    return render(
        request,
        "strategy/edition_detail.html",
        {
            "plan": plan,
            "edition": edition,
            "can_edit": can_edit,
            "projects": projects,
            "years": plan.years,
            "approvals": edition.approvals.select_related("step"),
            "missing": editions.missing_steps(edition),
            "project_form": EditionProjectForm(plan=plan),
            "step_form": EditionStepForm(steps=editions.missing_steps(edition)),
            "breadcrumbs": plan_crumbs(plan, (_("Editions"), None), (str(edition), None)),
        },
    )


def _back(plan, edition):
    return redirect("strategy:edition_detail", plan.pk, edition.pk)


@login_required
@require_POST
def edition_add_project(request, pk: int, edition_pk: int):
    plan = _local_plan(request, pk, "change")
    edition = _edition(request, plan, edition_pk)
    form = EditionProjectForm(request.POST, plan=plan)
    if form.is_valid():
        strategy = form.cleaned_data["strategy"]
        try:
            editions.edition_add_project(
                edition=edition,
                issue=strategy.issue,
                strategy=strategy,
                data=form.tree_data(),
                by=request.user,
            )
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, _("The project was added to this edition."))
    else:
        messages.error(
            request,
            "; ".join(f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items()),
        )
    return _back(plan, edition)


@login_required
@require_POST
def edition_remove_project(request, pk: int, edition_pk: int, project_pk: int):
    plan = _local_plan(request, pk, "change")
    edition = _edition(request, plan, edition_pk)
    project = get_object_or_404(PlanProject.objects.filter(plan=plan), pk=project_pk)
    try:
        editions.edition_remove_project(edition=edition, project=project, by=request.user)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return _back(plan, edition)


@login_required
@require_POST
def edition_record_step(request, pk: int, edition_pk: int):
    plan = _local_plan(request, pk, "change")
    edition = _edition(request, plan, edition_pk)
    form = EditionStepForm(request.POST, steps=editions.missing_steps(edition))
    if form.is_valid():
        editions.edition_record_step(
            edition=edition,
            by=request.user,
            on=form.cleaned_data["date"],
            step=form.cleaned_data["step"],
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
        )
    else:
        messages.error(
            request,
            "; ".join(f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items()),
        )
    return _back(plan, edition)


@login_required
@require_POST
def edition_approve(request, pk: int, edition_pk: int):
    plan = _local_plan(request, pk, "approve")
    edition = _edition(request, plan, edition_pk)
    try:
        editions.edition_approve(edition=edition, by=request.user)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, _("The edition is approved."))
    return _back(plan, edition)
