"""Importing projects into annual plans: the project template (``plans.excel``) into a
chosen plan, and ผด.02 sheets (``importers.pd02``) into the operational plan of the working
organisation and fiscal year. Upload → preview (what would be created, every error with its
sheet, row and column, warnings, units to create) → confirm saves, all or nothing.

Between preview and confirm the upload waits under MEDIA_ROOT/imports/ as
``plans-<random token>.xlsx``; the page carries only the token, signed with
``django.core.signing`` together with the user, the purpose and the target (plan, or
organisation and year), so a client can neither name a path nor reuse another's upload.
A token older than an hour is refused, and the file is deleted once saved.
"""

from __future__ import annotations

import io
import re
import secrets
import time
from functools import wraps
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phaen.organizations import access
from phaen.organizations.models import Unit
from phaen.plans import choices as c
from phaen.plans import excel
from phaen.plans.imports import name_key as unit_key
from phaen.plans.imports import pd02_import
from phaen.plans.models import FROZEN_STATES, AnnualPlan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SALT = "phaen.plans.imports"
MAX_AGE = 60 * 60  # seconds a preview stays valid
UPLOAD_DIR = "imports"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")


class Refused(Exception):
    """The request cannot go on: shown as a page with ``message`` and ``status``."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.message, self.status = message, status


def _refusals(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Refused as exc:
            context = {"message": exc.message, "status": exc.status}
            return render(request, "plans/import_refused.html", context, status=exc.status)

    return wrapped


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Workbook (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(
                _("Use an Excel workbook (.xlsx); save an older .xls file as .xlsx first.")
            )
        return upload


# --- the waiting upload -------------------------------------------------------------------
def _directory() -> Path:
    directory = Path(settings.MEDIA_ROOT) / UPLOAD_DIR
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _sweep(directory: Path) -> None:
    """Delete uploads whose preview has expired (never confirmed)."""
    limit = time.time() - MAX_AGE
    for stale in directory.glob("plans-*.xlsx"):
        if stale.stat().st_mtime < limit:
            stale.unlink(missing_ok=True)


def _keep(upload, request, purpose: str, target: dict) -> str:
    """Store the upload; return the signed token naming it."""
    directory = _directory()
    _sweep(directory)
    token = secrets.token_urlsafe(24)
    with open(directory / f"plans-{token}.xlsx", "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    claims = {"t": token, "u": request.user.pk, "p": purpose, "n": upload.name[:200], **target}
    return signing.dumps(claims, salt=SALT, compress=True)


def _kept(request, purpose: str, target: dict) -> tuple[Path, str]:
    """The stored upload a signed token names (its path and original name), or Refused
    (400) for a token that was tampered with, expired, or made for another user or target."""
    try:
        claims = signing.loads(request.POST.get("token", ""), salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise Refused(
            _("The preview is more than an hour old; upload the file again."), 400
        ) from None
    except signing.BadSignature:
        raise Refused(_("The import could not be verified; upload the file again."), 400) from None
    token = str(claims.get("t", ""))
    same = claims.get("u") == request.user.pk and claims.get("p") == purpose
    if not _TOKEN.match(token) or not same or any(claims.get(k) != v for k, v in target.items()):
        raise Refused(_("The import could not be verified; upload the file again."), 400) from None
    file = _directory() / f"plans-{token}.xlsx"
    if not file.exists():
        raise Refused(_("This upload was already saved or has expired; upload it again."), 400)
    return file, str(claims.get("n", ""))


# --- the project template -----------------------------------------------------------------
def _plan(request, pk: int, edit: bool = True) -> AnnualPlan:
    """The plan if visible (404 otherwise); when ``edit``, the user must be allowed to edit
    the organisation's plans and the plan must be a draft or returned (403)."""
    qs = AnnualPlan.objects.select_related("organization__kind", "multi_year_plan")
    plan = get_object_or_404(qs.for_user(request.user, "view"), pk=pk)
    if edit and not access.can_in_org(request.user, "edit_plans", plan.organization):
        raise Refused(_("Your role does not allow importing projects into this plan."))
    if edit and plan.state in FROZEN_STATES:
        raise Refused(
            _("This plan is approved or announced and cannot be changed; make a new edition.")
        )
    return plan


def _crumbs(plan: AnnualPlan | None, label: str):
    crumbs = [{"label": _("Annual plans"), "url": reverse("plans:plan_list")}]
    if plan is not None:
        crumbs.append({"label": plan.title, "url": reverse("plans:plan_detail", args=[plan.pk])})
    return [*crumbs, {"label": label, "url": None}]


def _download(workbook, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _read(plan: AnnualPlan, source) -> dict:
    """What the preview shows for a workbook in the template's layout."""
    try:
        rows = excel.read_projects(source, plan)
    except excel.ExcelImportError as exc:
        return {"rows": [], "errors": exc.errors, "warnings": []}
    return {"rows": rows, "errors": [], "warnings": excel.plan_clashes(plan, rows)}


def _projects_preview(request, plan, form, preview: dict, token: str = "", name: str = ""):
    context = {"plan": plan, "form": form, "token": token, "file_name": name, **preview}
    context["total"] = sum((row.total for row in preview["rows"] or []), 0)
    context["breadcrumbs"] = _crumbs(plan, _("Import projects"))
    return render(request, "plans/import_projects.html", context)


@login_required
@_refusals
@require_http_methods(["GET", "POST"])
def import_projects(request, pk: int):
    plan = _plan(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        preview = _read(plan, upload)
        token = "" if preview["errors"] else _keep(upload, request, "projects", {"plan": plan.pk})
        return _projects_preview(request, plan, UploadForm(), preview, token, upload.name)
    return _projects_preview(request, plan, form, {"rows": None, "errors": [], "warnings": []})


@login_required
@_refusals
@require_POST
def import_projects_confirm(request, pk: int):
    plan = _plan(request, pk)
    file, name = _kept(request, "projects", {"plan": plan.pk})
    preview = _read(plan, file)  # read again: the plan or the reference data may have changed
    if preview["errors"]:
        return _projects_preview(request, plan, UploadForm(), preview, "", name)
    try:
        created = excel.import_projects(plan, preview["rows"], by=request.user)
    except ValidationError as exc:
        preview["errors"] = [excel.CellError("", None, "", m) for m in exc.messages]
        return _projects_preview(request, plan, UploadForm(), preview, "", name)
    file.unlink(missing_ok=True)
    messages.success(
        request,
        ngettext("%(n)d project was imported.", "%(n)d projects were imported.", len(created))
        % {"n": len(created)},
    )
    return redirect("plans:plan_detail", plan.pk)


@login_required
@_refusals
@require_GET
def import_projects_template(request, pk: int):
    plan = _plan(request, pk, edit=False)
    name = f"project-template-{plan.organization.code}-{plan.fiscal_year}.xlsx"
    return _download(excel.template_workbook(plan), name)


@login_required
@_refusals
@require_GET
def export_projects(request, pk: int):
    plan = _plan(request, pk, edit=False)
    name = f"projects-{plan.organization.code}-{plan.fiscal_year}-{plan.pk}.xlsx"
    return _download(excel.export_workbook(plan), name)


# --- ผด.02 sheets -------------------------------------------------------------------------
def _pd02_target(request) -> tuple:
    """(organisation, fiscal year, its operational plan or None) of the working context."""
    org = request.organization
    if org is None:
        raise Http404
    if not access.can_in_org(request.user, "edit_plans", org):
        raise Refused(_("Your role does not allow importing plans for this organisation."))
    plan = (
        AnnualPlan.objects.for_user(request.user, "view")
        .filter(
            organization=org,
            fiscal_year=request.fiscal_year,
            kind=c.AnnualPlanKind.OPERATIONAL_PLAN,
        )
        .order_by("-edition_number", "-pk")
        .first()
    )
    if plan is not None and plan.state in FROZEN_STATES:
        raise Refused(
            _(
                "The operational plan of %(year)s is approved or announced; add projects "
                "through a new edition."
            )
            % {"year": request.fiscal_year}
        )
    return org, request.fiscal_year, plan


def _pd02_read(org, fiscal_year: int, source) -> dict:
    from phaen.plans.importers.pd02 import Pd02Error, parse_pd02

    try:
        result = parse_pd02(source, fiscal_year=fiscal_year)
    except Pd02Error as exc:
        failed = [excel.CellError("", None, "", str(exc))]
        return {"result": None, "errors": failed, "warnings": [], "new_units": []}
    known = {unit_key(u.name_th) for u in Unit.objects.filter(organization=org)}
    new_units = [name for name in result.units if unit_key(name) not in known]
    return {
        "result": result,
        "errors": result.errors,
        "warnings": result.warnings,
        "new_units": new_units,
    }


def _pd02_preview(request, target, form, preview: dict, token: str = "", name: str = ""):
    org, fiscal_year, plan = target
    context = {
        "organization": org,
        "fiscal_year": fiscal_year,
        "plan": plan,
        "form": form,
        "token": token,
        "file_name": name,
        **preview,
        "breadcrumbs": _crumbs(None, _("Import a ผด.02 sheet")),
    }
    return render(request, "plans/import_pd02.html", context)


@login_required
@_refusals
@require_http_methods(["GET", "POST"])
def import_pd02(request):
    target = _pd02_target(request)
    org, fiscal_year, _plan_found = target
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        preview = _pd02_read(org, fiscal_year, upload)
        claims = {"org": org.pk, "fy": fiscal_year}
        token = "" if preview["errors"] else _keep(upload, request, "pd02", claims)
        return _pd02_preview(request, target, UploadForm(), preview, token, upload.name)
    empty = {"result": None, "errors": [], "warnings": [], "new_units": []}
    return _pd02_preview(request, target, form, empty)


@login_required
@_refusals
@require_POST
def import_pd02_confirm(request):
    target = _pd02_target(request)
    org, fiscal_year, _plan_found = target
    file, name = _kept(request, "pd02", {"org": org.pk, "fy": fiscal_year})
    preview = _pd02_read(org, fiscal_year, file)
    if preview["errors"]:
        return _pd02_preview(request, target, UploadForm(), preview, "", name)
    try:
        done = pd02_import(
            organization=org, fiscal_year=fiscal_year, result=preview["result"], by=request.user
        )
    except ValidationError as exc:
        preview["errors"] = [excel.CellError("", None, "", m) for m in exc.messages]
        return _pd02_preview(request, target, UploadForm(), preview, "", name)
    file.unlink(missing_ok=True)
    messages.success(
        request,
        _("%(projects)d project(s) were added; %(units)d new unit(s) were created.")
        % {"projects": len(done.projects), "units": len(done.created_units)},
    )
    return redirect("plans:plan_detail", done.plan.pk)


urlpatterns = [
    path("<int:pk>/import/", import_projects, name="import_projects"),
    path("<int:pk>/import/confirm/", import_projects_confirm, name="import_projects_confirm"),
    path("<int:pk>/import/template/", import_projects_template, name="import_projects_template"),
    path("<int:pk>/export/projects/", export_projects, name="export_projects"),
    path("import/pd02/", import_pd02, name="import_pd02"),
    path("import/pd02/confirm/", import_pd02_confirm, name="import_pd02_confirm"),
]
