"""Pages of the reports app: ask for a report, follow its run, download the file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from phaen.organizations import access
from phaen.reports.forms import ReportRunForm
from phaen.reports.models import ReportRun
from phaen.reports.registry import all_reports, get_report
from phaen.reports.selectors import recent_runs
from phaen.reports.services import report_run_create

RECENT_ON_INDEX = 5


def _is_fragment(request) -> bool:
    return bool(request.htmx) and not request.htmx.boosted


def _crumbs(*items: tuple[str, str | None]) -> list[dict]:
    return [{"label": label, "url": url} for label, url in items]


def _asked(request, report) -> dict[str, str]:
    """Choices another page links with, e.g. ``?quarterly-period=Q2`` from the dashboard."""
    prefix = f"{report.name}-"
    return {k[len(prefix) :]: v for k, v in request.GET.items() if k.startswith(prefix)}


def _index(request, bound: ReportRunForm | None = None, status: int = 200):
    org = request.organization or None
    allowed = org is not None and access.can_in_org(request.user, "view", org)
    forms = [
        bound
        if bound is not None and bound.report is report
        else ReportRunForm(
            report=report,
            organization=org if allowed else None,
            fiscal_year=request.fiscal_year,
            initial=_asked(request, report),
        )
        for report in all_reports()
    ]
    context = {
        "organization": org if allowed else None,
        "forms": forms,
        "runs": recent_runs(request.user)[:RECENT_ON_INDEX],
        "breadcrumbs": _crumbs((_("Reports"), None)),
    }
    return render(request, "reports/index.html", context, status=status)


@login_required
@require_GET
def report_index(request):
    return _index(request)


@login_required
@require_POST
def run_create(request, name: str):
    try:
        report = get_report(name)
    except KeyError:
        raise Http404 from None
    org = request.organization or None
    if org is None:
        raise Http404
    if not access.can_in_org(request.user, "view", org):
        raise PermissionDenied
    form = ReportRunForm(
        request.POST, report=report, organization=org, fiscal_year=request.fiscal_year
    )
    if not form.is_valid():
        return _index(request, bound=form, status=400)
    try:
        run = report_run_create(
            user=request.user,
            report_name=report.name,
            organization=org,
            fmt=form.cleaned_data["format"],
            thai_digits=form.cleaned_data["thai_digits"],
            language=get_language() or "th",
            fiscal_year=request.fiscal_year,
            chosen=form.chosen(),
        )
    except ValidationError as exc:  # e.g. no plan this report prints: say why, save nothing
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:index")
    return redirect("reports:run_detail", pk=run.pk)


@login_required
@require_GET
def run_list(request):
    context = {
        "runs": recent_runs(request.user)[:50],
        "breadcrumbs": _crumbs((_("Reports"), reverse("reports:index")), (_("My reports"), None)),
    }
    return render(request, "reports/run_list.html", context)


@login_required
@require_GET
def run_detail(request, pk: int):
    run = get_object_or_404(
        ReportRun.objects.for_user(request.user, "view").select_related("organization"), pk=pk
    )
    context = {"run": run}
    if _is_fragment(request):
        return render(request, "reports/_run_status.html", context)
    context["breadcrumbs"] = _crumbs(
        (_("Reports"), reverse("reports:index")),
        (_("My reports"), reverse("reports:run_list")),
        (run.title, None),
    )
    return render(request, "reports/run_detail.html", context)


@login_required
@require_GET
def run_download(request, pk: int):
    run = get_object_or_404(ReportRun.objects.for_user(request.user, "view"), pk=pk)
    if not run.is_downloadable:
        raise Http404
    return FileResponse(
        run.result.open("rb"),
        as_attachment=True,
        filename=run.filename,
        content_type=run.content_type or None,
    )
