"""Pages of surveys: staff pages (list, create/edit with questions inline, results, the
printable sheet and its PDF) and the public answer page (no account, phone first).

Every staff query starts from ``access``: a survey the user may not see is a 404, one
they may see but not manage is a 403. The public page finds a survey only by its token."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phaen.core.forms import add_service_errors
from phaen.organizations import access
from phaen.surveys import choices as c
from phaen.surveys import forms, selectors, services
from phaen.surveys.models import Survey
from phaen.surveys.qr import public_path, qr_svg

COOKIE_SALT = "phaen.surveys.answered"
COOKIE_AGE = 60 * 60 * 24 * 400  # longer than any survey stays open
# Colours of the five levels in the bars (5 = green … 1 = red; Bootstrap palette).
LEVEL_COLORS = {5: "#198754", 4: "#75b798", 3: "#ffc107", 2: "#fd7e14", 1: "#dc3545"}


def summary_rows(summary) -> list[dict]:
    """Each question of ``summary`` with its buckets coloured and the segments of its bar
    (x and width in percent of the bar; they add up to 100 when there are answers)."""
    rows = []
    for question in summary.questions:
        buckets, segments, x = [], [], 0.0
        for bucket in question.distribution:
            color = LEVEL_COLORS[bucket.value]
            buckets.append({**bucket.__dict__, "color": color})
            if bucket.count:
                width = float(bucket.count) * 100 / question.count
                segments.append(
                    {
                        "x": f"{x:.3f}",
                        "width": f"{width:.3f}",
                        "color": color,
                        "label": bucket.label,
                        "count": bucket.count,
                        "percent": bucket.percent,
                    }
                )
                x += width
        rows.append({"question": question, "buckets": buckets, "segments": segments})
    return rows


def _crumbs(*extra):
    crumbs = [{"label": _("Satisfaction surveys"), "url": reverse("surveys:survey_list")}]
    return crumbs + [{"label": label, "url": url} for label, url in extra]


def _survey(request, pk: int, action: str = "view") -> Survey:
    qs = Survey.objects.select_related("project__plan__organization", "activity")
    survey = get_object_or_404(qs.for_user(request.user, "view"), pk=pk)
    if action != "view" and not access.can(request.user, action, survey):
        raise PermissionDenied(_("You may not manage this survey."))
    return survey


def _may_create(user, organization) -> bool:
    return organization is not None and forms.manageable_projects(user, organization).exists()


# --- staff pages ----------------------------------------------------------------------------
@login_required
@require_GET
def survey_list(request):
    org = request.organization
    surveys = list(selectors.surveys_for(request.user, org)) if org is not None else []
    return render(
        request,
        "surveys/survey_list.html",
        {
            "surveys": surveys,
            "may_create": _may_create(request.user, org),
            "breadcrumbs": _crumbs(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request):
    org = request.organization
    if org is None:
        raise Http404
    if not _may_create(request.user, org):
        raise PermissionDenied(_("You may not make surveys for this organisation."))
    initial = {}
    if request.GET.get("project", "").isdigit():
        initial["project"] = int(request.GET["project"])
    if request.GET.get("activity", "").isdigit():
        initial["activity"] = int(request.GET["activity"])
    form = forms.SurveyForm(
        request.POST or None, user=request.user, organization=org, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                project=form.cleaned_data["project"],
                default_questions=form.cleaned_data["default_questions"],
                by=request.user,
                **form.service_fields(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The survey was created."))
            return redirect("surveys:survey_edit", survey.pk)
    return render(
        request,
        "surveys/survey_form.html",
        {"form": form, "adding": True, "breadcrumbs": _crumbs((_("New survey"), None))},
    )


def _public_url(request, survey) -> str:
    return request.build_absolute_uri(public_path(survey))


@login_required
@require_GET
def survey_detail(request, pk: int):
    survey = _survey(request, pk)
    url = _public_url(request, survey)
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "response_count": survey.responses.count(),
            "question_count": survey.questions.count(),
            "public_url": url,
            "qr": qr_svg(url),
            "may_manage": access.can(request.user, "change", survey),
            "availability": survey.availability(),
            "breadcrumbs": _crumbs((survey.title, None)),
        },
    )


def _question_formset(request, survey, locked: bool):
    formset = forms.QuestionFormSet(
        request.POST if request.method == "POST" and not locked else None,
        queryset=survey.questions.order_by("order", "id"),
        prefix="q",
    )
    if locked:
        formset.extra = 0
        for form in formset:
            for field in form.fields.values():
                field.disabled = True
    return formset


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request, pk: int):
    survey = _survey(request, pk, "change")
    locked = survey.responses.exists()
    form = forms.SurveyForm(
        request.POST or None, instance=survey, user=request.user, organization=None
    )
    formset = _question_formset(request, survey, locked)
    if request.method == "POST" and form.is_valid() and (locked or formset.is_valid()):
        try:
            with transaction.atomic():
                services.survey_update(survey=survey, by=request.user, **form.service_fields())
                if not locked:
                    _save_questions(survey, formset, request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("surveys:survey_detail", survey.pk)
    return render(
        request,
        "surveys/survey_form.html",
        {
            "form": form,
            "formset": formset,
            "survey": survey,
            "locked": locked,
            "adding": False,
            "breadcrumbs": _crumbs(
                (survey.title, reverse("surveys:survey_detail", args=[survey.pk])),
                (_("Edit"), None),
            ),
        },
    )


def _save_questions(survey, formset, by) -> None:
    for form in formset.forms:
        if not form.has_changed() and form.instance.pk is None:
            continue
        if formset.can_delete and formset._should_delete_form(form):
            if form.instance.pk:
                services.question_delete(question=form.instance, by=by)
            continue
        data = form.cleaned_data
        services.question_save(
            survey=survey,
            question=form.instance if form.instance.pk else None,
            by=by,
            kind=data["kind"],
            text=data["text"],
            order=data["order"],
            required=data["required"],
        )


@login_required
@require_POST
def survey_defaults(request, pk: int):
    survey = _survey(request, pk, "change")
    try:
        services.questions_add_defaults(survey=survey, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The standard questions were added."))
    return redirect("surveys:survey_edit", survey.pk)


@login_required
@require_POST
def survey_state(request, pk: int):
    survey = _survey(request, pk, "change")
    state = request.POST.get("state", "")
    try:
        services.survey_set_state(survey=survey, state=state, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The survey is now %(state)s.") % {"state": survey.get_state_display()}
        )
    return redirect("surveys:survey_detail", survey.pk)


@login_required
@require_GET
def survey_results(request, pk: int):
    survey = _survey(request, pk)
    summary = selectors.survey_summary(survey)
    return render(
        request,
        "surveys/survey_results.html",
        {
            "survey": survey,
            "summary": summary,
            "rows": summary_rows(summary),
            "breadcrumbs": _crumbs(
                (survey.title, reverse("surveys:survey_detail", args=[survey.pk])),
                (_("Results"), None),
            ),
        },
    )


@login_required
@require_GET
def survey_sheet(request, pk: int):
    survey = _survey(request, pk)
    url = _public_url(request, survey)
    return render(
        request,
        "surveys/survey_sheet.html",
        {"survey": survey, "public_url": url, "qr": qr_svg(url, scale=8)},
    )


@login_required
@require_GET
def survey_sheet_pdf(request, pk: int):
    from phaen.surveys.reports import SurveySheetReport, render_sheet_pdf

    survey = _survey(request, pk)
    report = SurveySheetReport()
    data = report.build(
        user=request.user, survey=survey.pk, base_url=request.build_absolute_uri("/")
    )
    response = HttpResponse(render_sheet_pdf(report, data), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{report.filename(data, "pdf")}"'
    return response


# --- public answer page ----------------------------------------------------------------------
def _cookie_name(survey) -> str:
    return f"phaen_survey_{survey.pk}"


def _has_cookie(request, survey) -> bool:
    value = request.get_signed_cookie(_cookie_name(survey), default=None, salt=COOKIE_SALT)
    return value == survey.token


def _fingerprint(request) -> str:
    return services.client_fingerprint(
        ip=request.META.get("REMOTE_ADDR", ""),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )


def _public_survey(token: str) -> Survey:
    return get_object_or_404(
        Survey.objects.select_related("project__plan__organization", "activity").exclude(
            state=c.SurveyState.DRAFT
        ),
        token=token,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def respond(request, token: str):
    survey = _public_survey(token)
    questions = list(survey.questions.order_by("order", "id"))
    availability = survey.availability()
    answered = (
        _has_cookie(request, survey)
        or survey.responses.filter(fingerprint=_fingerprint(request)).exists()
    )
    errors: dict[str, list[str]] = {}
    values: dict[str, str] = {}
    status = 200
    if request.method == "POST" and availability == "open" and not answered:
        values = {f"q{q.pk}": request.POST.get(f"q{q.pk}", "") for q in questions}
        try:
            services.response_submit(
                survey=survey,
                answers={q.pk: values[f"q{q.pk}"] for q in questions},
                fingerprint=_fingerprint(request),
            )
        except services.SurveyClosedError:
            availability = survey.availability()
            status = 409
        except services.AlreadyAnsweredError:
            answered = True
            status = 409
        except ValidationError as exc:
            errors = exc.message_dict
            status = 400
        else:
            response = redirect("surveys:thanks", survey.token)
            response.set_signed_cookie(
                _cookie_name(survey),
                survey.token,
                salt=COOKIE_SALT,
                max_age=COOKIE_AGE,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
            return response
    elif request.method == "POST":
        status = 409
    rows = [
        {
            "question": q,
            "number": n,
            "name": f"q{q.pk}",
            "value": values.get(f"q{q.pk}", ""),
            "errors": errors.get(f"q{q.pk}", []),
        }
        for n, q in enumerate(questions, start=1)
    ]
    return render(
        request,
        "surveys/respond.html",
        {
            "survey": survey,
            "rows": rows,
            "scale": c.SCALE,
            "errors": [e for row in rows for e in row["errors"]],
            "availability": availability,
            "answered": answered,
        },
        status=status,
    )


@never_cache
@require_GET
def thanks(request, token: str):
    survey = _public_survey(token)
    return render(request, "surveys/thanks.html", {"survey": survey})
