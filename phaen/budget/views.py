"""Pages of the year's appropriation: the list for the working organisation and fiscal
year (totals per round and per expense type), an appropriation with its rounds and lines
(what the plans draw on each line and what is left), entering and importing lines, and a
parent organisation's allocation of a line to a child."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from phaen.budget import excel, forms, selectors, services
from phaen.budget.models import Appropriation, AppropriationLine
from phaen.core.forms import add_service_errors
from phaen.organizations import access
from phaen.organizations.choices import Role

KEEPERS = frozenset({Role.PLANNER, Role.FINANCE, Role.ORG_ADMIN})
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def may_keep(user, organization) -> bool:
    """May ``user`` keep the appropriation of ``organization``? Planners, finance officers
    and admins of it or of an organisation above it (the budget access policy)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    roles = access.user_context(user).roles_by_org
    ids = [organization.pk, *organization.ancestor_ids()]
    return any(roles.get(org_id, frozenset()) & KEEPERS for org_id in ids)


def _crumbs(*extra):
    return [
        {"label": _("Appropriations"), "url": reverse("budget:appropriation_list")},
        *({"label": label, "url": url} for label, url in extra),
    ]


def _appropriation(request, pk: int, action: str = "view") -> Appropriation:
    qs = Appropriation.objects.select_related("organization__kind")
    appropriation = get_object_or_404(qs.for_user(request.user, "view"), pk=pk)
    if action != "view" and not access.can(request.user, action, appropriation):
        raise PermissionDenied(_("You may not change this appropriation."))
    return appropriation


@login_required
def appropriation_list(request):
    org = request.organization
    if org is None:
        raise Http404
    year = request.fiscal_year
    appropriations = Appropriation.objects.for_user(request.user).filter(
        organization=org, fiscal_year=year
    )
    lines = list(selectors.year_lines(org.pk, year).filter(appropriation__in=appropriations))
    totals = selectors.year_totals(lines)
    return render(
        request,
        "budget/appropriation_list.html",
        {
            "appropriations": list(appropriations.order_by("effective_on", "pk")),
            "totals": totals,
            "by_round": sorted(
                totals.by_round.items(),
                key=lambda item: (item[0][0].pk, item[0][1].number if item[0][1] else 0),
            ),
            "can_edit": may_keep(request.user, org),
            "fiscal_year": year,
            "breadcrumbs": [{"label": _("Appropriations"), "url": None}],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def appropriation_create(request):
    org = request.organization
    if org is None:
        raise Http404
    if not may_keep(request.user, org):
        raise PermissionDenied(_("You may not keep this organisation's appropriation."))
    form = forms.AppropriationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appropriation = services.appropriation_create(
                organization=org,
                fiscal_year=request.fiscal_year,
                by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The appropriation was created."))
            return redirect("budget:appropriation_detail", appropriation.pk)
    return render(
        request,
        "budget/appropriation_form.html",
        {
            "form": form,
            "fiscal_year": request.fiscal_year,
            "breadcrumbs": _crumbs((_("New appropriation"), None)),
        },
    )


@login_required
def appropriation_detail(request, pk: int):
    appropriation = _appropriation(request, pk)
    lines = list(
        selectors.with_usage(
            appropriation.lines.select_related("category__parent", "work_plan", "round", "unit")
        ).prefetch_related("allocations__appropriation__organization")
    )
    for line in lines:
        line.left = selectors.line_left(line)
    return render(
        request,
        "budget/appropriation_detail.html",
        {
            "appropriation": appropriation,
            "rounds": list(appropriation.rounds.all()),
            "lines": lines,
            "totals": selectors.year_totals(lines),
            "can_edit": access.can(request.user, "change", appropriation),
            "has_children": appropriation.organization.children.exists(),
            "breadcrumbs": _crumbs((appropriation.title, None)),
        },
    )


def _form_page(request, appropriation, form, title, template="budget/part_form.html"):
    return render(
        request,
        template,
        {
            "appropriation": appropriation,
            "form": form,
            "title": title,
            "breadcrumbs": _crumbs(
                (
                    appropriation.title,
                    reverse("budget:appropriation_detail", args=[appropriation.pk]),
                ),
                (title, None),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request, pk: int):
    appropriation = _appropriation(request, pk, "change")
    form = forms.RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_create(appropriation=appropriation, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The allocation round was added."))
            return redirect("budget:appropriation_detail", appropriation.pk)
    return _form_page(request, appropriation, form, _("New allocation round"))


@login_required
@require_http_methods(["GET", "POST"])
def line_edit(request, pk: int, line_id: int | None = None):
    appropriation = _appropriation(request, pk)
    if line_id is not None:
        visible = AppropriationLine.objects.for_user(request.user).filter(
            appropriation=appropriation
        )
        line = get_object_or_404(visible, pk=line_id)
    else:
        line = AppropriationLine(appropriation=appropriation)
    if not access.can(request.user, "change", appropriation):
        raise PermissionDenied(_("You may not change this appropriation."))
    form = forms.LineForm(request.POST or None, instance=line, appropriation=appropriation)
    if request.method == "POST" and form.is_valid():
        try:
            services.line_save(line=form.instance, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("budget:appropriation_detail", appropriation.pk)
    title = _("New appropriation line") if line_id is None else _("Edit the appropriation line")
    return _form_page(request, appropriation, form, title)


@login_required
@require_POST
def line_delete(request, pk: int, line_id: int):
    appropriation = _appropriation(request, pk)
    visible = AppropriationLine.objects.for_user(request.user).filter(appropriation=appropriation)
    line = get_object_or_404(visible, pk=line_id)
    if not access.can(request.user, "delete", line):
        raise PermissionDenied(_("You may not change this appropriation."))
    if line.budget_lines.exists() or line.allocations.exists():
        messages.error(
            request, _("Projects' budget lines or allocations draw on this line; it was kept.")
        )
    else:
        services.line_delete(line=line, by=request.user)
        messages.success(request, _("The line was deleted."))
    return redirect("budget:appropriation_detail", appropriation.pk)


@login_required
@require_http_methods(["GET", "POST"])
def line_allocate(request, pk: int, line_id: int):
    appropriation = _appropriation(request, pk)
    visible = AppropriationLine.objects.for_user(request.user).filter(appropriation=appropriation)
    line = get_object_or_404(visible.select_related("category"), pk=line_id)
    if not access.can(request.user, "change", line):
        raise PermissionDenied(_("You may not allocate this line."))
    form = forms.AllocateForm(request.POST or None, line=line)
    if request.method == "POST" and form.is_valid():
        try:
            child = services.line_allocate(line=line, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(amount)s baht was allocated to %(org)s.")
                % {"amount": child.amount, "org": child.appropriation.organization},
            )
            return redirect("budget:appropriation_detail", appropriation.pk)
    line.left = line.amount - services.allocated_total(line)
    return render(
        request,
        "budget/line_allocate.html",
        {
            "appropriation": appropriation,
            "line": line,
            "form": form,
            "breadcrumbs": _crumbs(
                (
                    appropriation.title,
                    reverse("budget:appropriation_detail", args=[appropriation.pk]),
                ),
                (_("Allocate to a child organisation"), None),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def lines_import(request, pk: int):
    appropriation = _appropriation(request, pk, "change")
    form = forms.ImportForm(
        request.POST or None, request.FILES or None, appropriation=appropriation
    )
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = excel.read_lines(
                form.cleaned_data["file"], forms.scope_of(appropriation.organization)
            )
            created = services.lines_import(
                appropriation=appropriation,
                rows=rows,
                round=form.cleaned_data["round"],
                by=request.user,
            )
        except services.ImportRefused as exc:
            problems = exc.problems
        else:
            messages.success(
                request,
                ngettext("%(n)d line was imported.", "%(n)d lines were imported.", len(created))
                % {"n": len(created)},
            )
            return redirect("budget:appropriation_detail", appropriation.pk)
    return render(
        request,
        "budget/lines_import.html",
        {
            "appropriation": appropriation,
            "form": form,
            "problems": problems,
            "breadcrumbs": _crumbs(
                (
                    appropriation.title,
                    reverse("budget:appropriation_detail", args=[appropriation.pk]),
                ),
                (_("Import lines from Excel"), None),
            ),
        },
    )


@login_required
def import_template(request):
    org = request.organization
    if org is None:
        raise Http404
    buffer = io.BytesIO()
    excel.template_workbook(forms.scope_of(org)).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="appropriation-lines-template.xlsx"'
    return response
