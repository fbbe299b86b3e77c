"""Pages of indicator results and performance agreements (thin: forms, services,
selectors). Every query starts from the access policy; the public pages show only
agreements published to the public."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from phaen.core.uploads import stored_file_response
from phaen.monitoring.selectors import period_by_code
from phaen.organizations import access
from phaen.performance import forms as f
from phaen.performance import selectors, services
from phaen.performance.choices import AgreementState, AssessmentKind
from phaen.performance.models import Agreement, AgreementIndicator, IndicatorResult
from phaen.strategy.models import Indicator

PERIODS = ("Q1", "Q2", "Q3", "Q4")


def _crumbs(*extra):
    return [
        {"label": _("Indicators and agreements"), "url": reverse("performance:index")},
        *({"label": label, "url": url} for label, url in extra),
    ]


def _org(request):
    org = request.organization
    if org is None or not access.can_in_org(request.user, "view", org):
        raise Http404
    return org


def _period_code(request) -> str | None:
    code = (request.GET.get("period") or "").upper()
    return code if code in PERIODS else None


def _achievement(request, org):
    fy = request.fiscal_year
    strategic = selectors.strategic_plan_for(org, fy)
    code = _period_code(request)
    period = int(code[1]) if code else None
    return strategic, selectors.issue_achievement(strategic, fy, period) if strategic else None


@login_required
def index(request):
    org = _org(request)
    strategic, data = _achievement(request, org)
    agreements = (
        Agreement.objects.for_user(request.user)
        .filter(organization=org, fiscal_year=request.fiscal_year)
        .order_by("level", "title", "-version")
    )
    return render(
        request,
        "performance/index.html",
        {
            "strategic": strategic,
            "data": data,
            "period": _period_code(request),
            "periods": PERIODS,
            "quarters": (1, 2, 3, 4),
            "can_record": access.can_in_org(request.user, "edit_plans", org),
            "agreements": agreements,
            "breadcrumbs": [{"label": _("Indicators and agreements"), "url": None}],
        },
    )


@login_required
def achievement_json(request):
    """The weighted achievement per issue and plan as JSON (the page's numbers)."""
    org = _org(request)
    _strategic, data = _achievement(request, org)
    if data is None:
        raise Http404
    from phaen.reports.registry import plain

    return JsonResponse(plain(data), json_dumps_params={"ensure_ascii": False})


@login_required
def result_edit(request, pk: int, code: str):
    org = _org(request)
    indicator = get_object_or_404(
        Indicator.objects.for_user(request.user).select_related("plan", "issue"), pk=pk
    )
    if indicator.plan.organization_id != org.pk:
        raise Http404
    if not access.can_in_org(request.user, "edit_plans", org):
        raise PermissionDenied
    try:
        period = period_by_code(organization=org, fiscal_year=request.fiscal_year, code=code)
    except ValueError:
        raise Http404 from None
    existing = IndicatorResult.objects.filter(indicator=indicator, period=period).first()
    initial = {"actual": existing.actual, "comment": existing.comment} if existing else {}
    form = f.ResultForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.result_record(
                indicator=indicator,
                period=period,
                actual=form.cleaned_data["actual"],
                comment=form.cleaned_data["comment"],
                evidence=form.cleaned_data["evidence"],
                by=request.user,
            )
        except ValidationError as error:
            f.apply_errors(form, error)
        else:
            url = f"{reverse('performance:index')}#indicator-{indicator.pk}"
            if request.headers.get("HX-Request"):
                response = HttpResponse(status=204)
                response["HX-Refresh"] = "true"  # the page again, with the new numbers
                return response
            return redirect(url)
    if request.headers.get("HX-Request"):
        # the row's inline editor (htmx swaps 200 answers only, errors included)
        return render(
            request,
            "performance/_result_inline.html",
            {"form": form, "indicator": indicator, "period": period, "action": request.path},
        )
    return render(
        request,
        "performance/result_form.html",
        {
            "form": form,
            "indicator": indicator,
            "period": period,
            "existing": existing,
            "breadcrumbs": _crumbs((f"{indicator.number} · {period.label}", None)),
        },
        status=400 if form.errors else 200,
    )


# --- agreements -----------------------------------------------------------------------------
def _agreement(request, pk, action="view"):
    agreement = get_object_or_404(
        Agreement.objects.for_user(request.user).select_related(
            "organization", "unit", "project", "person", "parent", "previous"
        ),
        pk=pk,
    )
    if action != "view" and not access.can(request.user, action, agreement):
        raise PermissionDenied
    return agreement


@login_required
def agreement_list(request):
    org = _org(request)
    agreements = (
        Agreement.objects.for_user(request.user)
        .filter(organization=org)
        .order_by("-fiscal_year", "level", "title", "-version")
    )
    return render(
        request,
        "performance/agreement_list.html",
        {
            "agreements": agreements,
            "can_edit": access.can_in_org(request.user, "edit_plans", org),
            "breadcrumbs": _crumbs((_("Performance agreements"), None)),
        },
    )


@login_required
def agreement_form(request, pk: int | None = None):
    org = _org(request)
    agreement = _agreement(request, pk, "change") if pk else None
    if agreement is None and not access.can_in_org(request.user, "edit_plans", org):
        raise PermissionDenied
    if agreement is not None and agreement.state != AgreementState.DRAFT:
        raise PermissionDenied
    if agreement is not None:
        org = agreement.organization
    initial = {"fiscal_year": request.fiscal_year} if agreement is None else None
    form = f.AgreementForm(
        request.POST or None,
        instance=agreement,
        initial=initial,
        organization=org,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "fiscal_year"}
        try:
            if agreement is None:
                agreement = services.agreement_create(
                    organization=org,
                    fiscal_year=form.cleaned_data["fiscal_year"],
                    by=request.user,
                    **fields,
                )
            else:
                agreement = services.agreement_update(
                    agreement=agreement, by=request.user, **fields
                )
        except ValidationError as error:
            f.apply_errors(form, error)
        else:
            return redirect("performance:agreement_detail", pk=agreement.pk)
    return render(
        request,
        "performance/agreement_form.html",
        {
            "form": form,
            "agreement": agreement,
            "breadcrumbs": _crumbs(
                (_("Performance agreements"), reverse("performance:agreement_list")),
                (_("Edit") if agreement else _("New agreement"), None),
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
def agreement_detail(request, pk: int):
    agreement = _agreement(request, pk)
    user = request.user
    sheets = {kind: selectors.score_sheet(agreement, kind) for kind in AssessmentKind.values}
    draft = agreement.state == AgreementState.DRAFT
    may_change = access.can(user, "change", agreement)
    return render(
        request,
        "performance/agreement_detail.html",
        {
            "agreement": agreement,
            "sheets": [(AssessmentKind(kind).label, kind, sheet) for kind, sheet in sheets.items()],
            "criteria": selectors.score_sheet(agreement, None),
            "draft": draft,
            "may_change": may_change,
            "may_assess": {
                "self": not draft and access.can(user, "assess_self", agreement),
                "committee": not draft and access.can(user, "assess_committee", agreement),
            },
            "weights_error": services.weights_error(agreement) if draft else None,
            "sign_form": f.SignForm(),
            "publish_form": f.PublishForm(initial={"audience": agreement.audience or "staff"}),
            "cascades": agreement.cascades.all(),
            "breadcrumbs": _crumbs(
                (_("Performance agreements"), reverse("performance:agreement_list")),
                (agreement.title, None),
            ),
        },
    )


@login_required
def indicator_form(request, pk: int):
    agreement = _agreement(request, pk, "change")
    if agreement.state != AgreementState.DRAFT:
        raise PermissionDenied
    form = f.AgreementIndicatorForm(request.POST or None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_indicator_add(
                agreement=agreement, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            f.apply_errors(form, error)
        else:
            return redirect("performance:agreement_detail", pk=agreement.pk)
    return render(
        request,
        "performance/indicator_form.html",
        {
            "form": form,
            "agreement": agreement,
            "breadcrumbs": _crumbs(
                (agreement.title, reverse("performance:agreement_detail", args=[agreement.pk])),
                (_("Add an indicator"), None),
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def indicator_delete(request, pk: int, item: int):
    agreement = _agreement(request, pk, "change")
    target = get_object_or_404(AgreementIndicator, pk=item, agreement=agreement)
    if agreement.state != AgreementState.DRAFT:
        raise PermissionDenied
    target._history_user = request.user
    target.delete()
    return redirect("performance:agreement_detail", pk=agreement.pk)


def _act(request, agreement, run):
    from django.contrib import messages

    try:
        with transaction.atomic():
            result = run()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("performance:agreement_detail", pk=agreement.pk)
    return redirect("performance:agreement_detail", pk=result.pk)


@login_required
@require_POST
def agreement_sign(request, pk: int):
    agreement = _agreement(request, pk, "sign")
    form = f.SignForm(request.POST)
    if not form.is_valid():
        from django.contrib import messages

        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("performance:agreement_detail", pk=agreement.pk)
    return _act(
        request,
        agreement,
        lambda: services.agreement_sign(
            agreement=agreement, signed_on=form.cleaned_data["signed_on"], by=request.user
        ),
    )


@login_required
@require_POST
def agreement_publish(request, pk: int):
    agreement = _agreement(request, pk, "publish")
    audience = request.POST.get("audience", "")
    return _act(
        request,
        agreement,
        lambda: services.agreement_publish(agreement=agreement, audience=audience, by=request.user),
    )


@login_required
@require_POST
def agreement_new_version(request, pk: int):
    agreement = _agreement(request, pk, "change")
    return _act(
        request,
        agreement,
        lambda: services.agreement_new_version(agreement=agreement, by=request.user),
    )


@login_required
def assessment_form(request, pk: int, kind: str):
    if kind not in AssessmentKind.values:
        raise Http404
    agreement = _agreement(request, pk, f"assess_{kind}")
    if agreement.state == AgreementState.DRAFT:
        raise PermissionDenied
    indicators = list(agreement.indicators.all())
    existing = agreement.assessments.filter(kind=kind).first()
    initial = {}
    if existing is not None:
        initial = {"assessed_on": existing.assessed_on, "note": existing.note}
        for item in existing.items.all():
            initial[f"result_{item.agreement_indicator_id}"] = item.result
    form = f.AssessmentForm(request.POST or None, indicators=indicators, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record(
                agreement=agreement,
                kind=kind,
                results=form.results(),
                assessed_on=form.cleaned_data["assessed_on"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            f.apply_errors(form, error)
        else:
            url = reverse("performance:agreement_detail", args=[agreement.pk])
            return redirect(f"{url}#sheet-{kind}")
    return render(
        request,
        "performance/assessment_form.html",
        {
            "form": form,
            "agreement": agreement,
            "kind_label": AssessmentKind(kind).label,
            "breadcrumbs": _crumbs(
                (agreement.title, reverse("performance:agreement_detail", args=[agreement.pk])),
                (AssessmentKind(kind).label, None),
            ),
        },
        status=400 if form.errors else 200,
    )


def _sheet_file(request, agreement, kind, fmt):
    from phaen.reports.registry import ReportError, get_report
    from phaen.reports.renderers import render as render_report

    if fmt not in ("pdf", "xlsx", "json"):
        raise Http404
    report = get_report("agreement-score")
    try:
        data = report.build(user=request.user, agreement=agreement.pk, assessment=kind)
    except ReportError:
        raise Http404 from None
    rendered = render_report(report, data, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{report.filename(data, fmt)}"'
    return response


@login_required
def agreement_sheet(request, pk: int, kind: str, fmt: str):
    if kind not in AssessmentKind.values:
        raise Http404
    return _sheet_file(request, _agreement(request, pk), kind, fmt)


# --- public ---------------------------------------------------------------------------------
def public_list(request):
    return render(
        request,
        "performance/public_list.html",
        {
            "agreements": selectors.public_agreements().order_by(
                "-fiscal_year", "organization__name_th", "title"
            )
        },
    )


def public_detail(request, pk: int):
    agreement = get_object_or_404(selectors.public_agreements(), pk=pk)
    sheets = [
        (AssessmentKind(kind).label, kind, selectors.score_sheet(agreement, kind))
        for kind in AssessmentKind.values
    ]
    return render(
        request,
        "performance/public_detail.html",
        {
            "agreement": agreement,
            "criteria": selectors.score_sheet(agreement, None),
            "sheets": sheets,
        },
    )


@login_required
@require_GET
def result_evidence(request, pk: int):
    """A result's evidence file, for whoever may read the result (files under MEDIA_ROOT are
    not served by themselves in production)."""
    result = get_object_or_404(IndicatorResult.objects.for_user(request.user, "view"), pk=pk)
    return stored_file_response(result.evidence)
