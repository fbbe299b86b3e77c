"""Editions of an annual plan (a new one, the diff with the previous), and priorities with
the fit-to-ceiling helper that can turn its proposal into a deferral edition."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phaen.core.thai import (
    format_baht,
    format_thai_date,
)
from phaen.organizations import access
from phaen.plans import choices as c
from phaen.plans import selectors, workflow
from phaen.plans.models import (
    Project,
)
from phaen.plans.views.common import (
    FROZEN,
    _active_projects,
    _back,
    _crumbs,
    _plan,
    _refused,
    month_labels,
)


class EditionForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of edition"),
        choices=[ch for ch in c.EditionKind.choices if ch[0] != c.EditionKind.ORIGINAL],
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class CeilingForm(forms.Form):
    ceiling = forms.DecimalField(
        label=gettext_lazy("Reduced ceiling (baht)"), min_value=0, max_digits=16, decimal_places=2
    )


class FitEditionForm(CeilingForm):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


# --- Editions ---------------------------------------------------------------------------------
@login_required
@require_POST
def edition_create(request, pk: int):
    plan = _plan(request, pk)
    if not access.can(request.user, "change", plan):
        raise PermissionDenied(_("Only the plan's planners start an edition."))
    form = EditionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the kind of edition and say why the plan changes."))
        return _back(plan)
    try:
        edition = workflow.edition_create(plan=plan, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        _refused(request, exc)
        return _back(plan)
    messages.success(
        request, _("Edition %(label)s was started as a draft.") % {"label": edition.edition_label}
    )
    return _back(edition)


DIFF_FIELDS = [
    "name",
    "status",
    "place",
    "start_date",
    "end_date",
    "months",
    "importance",
    "urgency",
    "out_of_plan",
]


def _display(project, field):
    value = getattr(project, field)
    if field == "status":
        return project.get_status_display()
    if field in ("start_date", "end_date"):
        return format_thai_date(value, "medium", lang=get_language() or "th") if value else "–"
    if field == "months":
        return month_labels(value)
    if field == "out_of_plan":
        return _("yes") if value else _("no")
    return value if value not in (None, "") else "–"


def _total(project) -> Decimal:
    return sum((line.amount for line in project.budget_lines.all()), Decimal(0))


@login_required
def edition_diff(request, pk: int):
    edition = _plan(request, pk)
    if edition.previous_id is None:
        raise Http404
    previous = _plan(request, edition.previous_id)
    diff = workflow.edition_diff(previous, edition)
    changed = []
    for old, new, fields in diff["changed"]:
        rows = []
        for field in fields:
            if field == "budget":
                rows.append(
                    (_("budget (baht)"), format_baht(_total(old)), format_baht(_total(new)))
                )
            else:
                label = Project._meta.get_field(field).verbose_name
                rows.append((label, _display(old, field), _display(new, field)))
        changed.append({"project": new, "rows": rows})
    return render(
        request,
        "plans/edition_diff.html",
        {
            "plan": edition,
            "previous": previous,
            "added": [(p, _total(p)) for p in diff["added"]],
            "removed": [(p, _total(p)) for p in diff["removed"]],
            "changed": changed,
            "breadcrumbs": _crumbs(edition, (_("Changes from the previous edition"), None)),
        },
    )


# --- Priorities and fit to ceiling -----------------------------------------------------------
def _priority_context(plan, projects, proposal):
    money = selectors.rollup(projects).by_project
    cells = defaultdict(list)
    for project in projects:
        cells[(project.importance, project.urgency)].append(project)
    matrix = [
        {"importance": i, "cells": [{"urgency": u, "projects": cells[(i, u)]} for u in range(1, 6)]}
        for i in range(5, 0, -1)
    ]
    ranked = [(p, money.get(p.pk, Decimal(0))) for p in selectors.ranked(projects)]
    return {"matrix": matrix, "ranked": ranked, "proposal": proposal, "urgencies": range(1, 6)}


@login_required
def plan_priorities(request, pk: int):
    plan = _plan(request, pk)
    projects = _active_projects(plan)
    form = CeilingForm(request.GET or None)
    proposal = None
    if form.is_bound and form.is_valid():
        proposal = selectors.fit_to_ceiling(projects, form.cleaned_data["ceiling"])
    context = _priority_context(plan, projects, proposal)
    context.update(
        {
            "plan": plan,
            "form": form,
            "edition_form": FitEditionForm(
                initial={"ceiling": form.cleaned_data["ceiling"]} if proposal else None
            ),
            "can_make_edition": plan.state in FROZEN
            and access.can(request.user, "change", plan)
            and not plan.next_editions.exists(),
            "breadcrumbs": _crumbs(plan, (_("Priorities"), None)),
        }
    )
    return render(request, "plans/priority.html", context)


@login_required
@require_POST
def plan_fit_edition(request, pk: int):
    """Turn the fit-to-ceiling proposal for the posted ceiling into a deferral edition. The
    proposal is computed again here, from the plan as stored, never taken from the form."""
    plan = _plan(request, pk)
    if not access.can(request.user, "change", plan):
        raise PermissionDenied(_("Only the plan's planners make an amendment."))
    form = FitEditionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reduced ceiling and the reason."))
        return redirect("plans:plan_priorities", plan.pk)
    proposal = selectors.fit_to_ceiling(_active_projects(plan), form.cleaned_data["ceiling"])
    try:
        edition = workflow.edition_from_proposal(
            plan=plan,
            deferred_lineages=[p.lineage for p, _amount in proposal.deferred],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    except ValidationError as exc:
        _refused(request, exc)
        return redirect("plans:plan_priorities", plan.pk)
    messages.success(
        request,
        _("Amendment draft %(label)s: %(n)s project(s) postponed.")
        % {"label": edition.edition_label, "n": len(proposal.deferred)},
    )
    return _back(edition)


urlpatterns = [
    path("<int:pk>/editions/new/", edition_create, name="edition_create"),
    path("<int:pk>/diff/", edition_diff, name="edition_diff"),
    path("<int:pk>/priorities/", plan_priorities, name="plan_priorities"),
    path("<int:pk>/priorities/amend/", plan_fit_edition, name="plan_fit_edition"),
]
