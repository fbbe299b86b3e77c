"""Pages of reporting rounds: the rounds of the current organisation (opened by it, asked
of it), opening and amending a round, the parent's board with the consolidated table and
its exports, and a submission (figures, history, submit / accept / send back)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phaen.organizations import access
from phaen.organizations.models import Organization
from phaen.rounds import access as rounds_access
from phaen.rounds import choices as c
from phaen.rounds import export, selectors, services
from phaen.rounds.forms import AmendForm, DecisionForm, RoundForm, SubmitForm
from phaen.rounds.models import ReportingRound, RoundChange, RoundSubmission


def _crumbs(*extra):
    return [
        {"label": _("Reporting rounds"), "url": reverse("rounds:index")},
        *({"label": label, "url": url} for label, url in extra),
    ]


@login_required
def index(request):
    org = request.organization
    if org is None:
        raise Http404
    asked = list(selectors.asked_of(org, request.user))
    has_children = Organization.objects.filter(parent=org).exists()
    for submission in asked:
        submission.round.organization  # noqa: B018  (selected with the round)
    return render(
        request,
        "rounds/index.html",
        {
            "organization": org,
            "opened": list(selectors.rounds_of(org, request.user)),
            "asked": asked,
            "may_open": rounds_access.may_open(request.user, org) and has_children,
            "breadcrumbs": [{"label": _("Reporting rounds"), "url": None}],
        },
    )


@login_required
def round_create(request):
    org = request.organization
    if org is None:
        raise Http404
    if not rounds_access.may_open(request.user, org):
        raise PermissionDenied(_("Planners and executives of the organisation open rounds."))
    fiscal_year = request.fiscal_year
    form = RoundForm(request.POST or None, organization=org, fiscal_year=fiscal_year)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.round_open(
                organization=org,
                fiscal_year=fiscal_year,
                period_code=data["period_code"],
                title=data["title"],
                deadline=data["deadline"],
                instructions=data["instructions"],
                children=list(data["children"]),
                by=request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The round is open; the organisations asked see it."))
            return redirect("rounds:round_detail", round_.pk)
    return render(
        request,
        "rounds/round_form.html",
        {
            "form": form,
            "organization": org,
            "fiscal_year": fiscal_year,
            "breadcrumbs": _crumbs((_("Open a round"), None)),
        },
        status=400 if form.errors else 200,
    )


def _round(request, pk):
    return get_object_or_404(
        ReportingRound.objects.for_user(request.user).select_related("organization", "opened_by"),
        pk=pk,
    )


@login_required
def round_detail(request, pk: int):
    round_ = _round(request, pk)
    board = selectors.round_board(round_, request.user)
    consolidation = selectors.consolidate(round_, request.user)
    changes = list(
        RoundChange.objects.for_user(request.user)
        .filter(round=round_)
        .select_related("by__person", "organization")
        .order_by("-at", "-pk")
    )
    return render(
        request,
        "rounds/round_detail.html",
        {
            "round": round_,
            "board": board,
            "consolidation": consolidation,
            "changes": changes,
            "may_amend": rounds_access.may_open(request.user, round_.organization),
            "is_parent": access.can(request.user, "change", round_),
            "status_choices": c.ProjectStatus.choices,
            "breadcrumbs": _crumbs((round_.title, None)),
        },
    )


@login_required
def round_amend(request, pk: int):
    """Amend an open round (title, deadline, instructions, organisations asked): the
    parent's planners, executives and administrators, as for opening one."""
    round_ = _round(request, pk)
    if not rounds_access.may_open(request.user, round_.organization):
        raise PermissionDenied(_("Planners and executives of the organisation amend its rounds."))
    form = AmendForm(request.POST or None, round_=round_)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            fresh = services.round_amend(
                round_=round_,
                by=request.user,
                title=data["title"],
                instructions=data["instructions"],
                deadline=data["deadline"],
                add_children=list(data["add_children"]),
                withdraw_children=list(data["withdraw_children"]),
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            if fresh.applied_changes:
                messages.success(
                    request, _("The round is amended; the organisations asked see it.")
                )
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("rounds:round_detail", round_.pk)
    return render(
        request,
        "rounds/round_amend.html",
        {
            "form": form,
            "round": round_,
            "breadcrumbs": _crumbs(
                (round_.title, reverse("rounds:round_detail", args=[round_.pk])),
                (_("Amend"), None),
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
def round_export(request, pk: int, fmt: str):
    round_ = _round(request, pk)
    consolidation = selectors.consolidate(round_, request.user)
    if fmt == "json":
        response = JsonResponse(consolidation.as_dict(), json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(
            export.workbook_bytes(consolidation),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="round-{round_.pk}.{fmt}"'
    return response


def _submission(request, pk):
    return get_object_or_404(
        RoundSubmission.objects.for_user(request.user).select_related(
            "round__organization", "organization", "submitted_by", "decided_by", "plan"
        ),
        pk=pk,
    )


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def _decimal(value):
    return None if value is None else Decimal(str(value))


def _render_submission(request, submission, *, submit_form=None, decision_form=None, status=200):
    user = request.user
    may_submit = submission.may_submit and access.can(user, "submit", submission)
    may_decide = submission.may_decide and access.can(user, "decide", submission)
    may_see_round = access.can(user, "view", submission.round)
    snapshot = submission.snapshot or {}
    by_status = snapshot.get("by_status") or {}
    return render(
        request,
        "rounds/submission_detail.html",
        {
            "submission": submission,
            "round": submission.round,
            "snapshot": snapshot,
            "statuses": [(label, by_status.get(key, 0)) for key, label in c.ProjectStatus.choices],
            "period_start": _date((snapshot.get("period") or {}).get("start")),
            "period_end": _date((snapshot.get("period") or {}).get("end")),
            "budget_planned": _decimal(snapshot.get("budget_planned")),
            "disbursed": _decimal(snapshot.get("disbursed")),
            "achievement": _decimal(snapshot.get("weighted_achievement")),
            "moves": list(submission.moves.select_related("by").order_by("at", "pk")),
            "may_submit": may_submit,
            "may_decide": may_decide,
            "submit_form": submit_form or SubmitForm(initial={"summary": submission.summary}),
            "decision_form": decision_form or DecisionForm(),
            "breadcrumbs": _crumbs(
                (
                    submission.round.title,
                    reverse("rounds:round_detail", args=[submission.round.pk])
                    if may_see_round
                    else None,
                ),
                (str(submission.organization), None),
            ),
        },
        status=status,
    )


@login_required
def submission_detail(request, pk: int):
    return _render_submission(request, _submission(request, pk))


def _refused(form, exc: ValidationError):
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
@require_POST
def submission_submit(request, pk: int):
    submission = _submission(request, pk)
    form = SubmitForm(request.POST)
    if form.is_valid():
        try:
            services.submission_submit(
                submission=submission, by=request.user, summary=form.cleaned_data["summary"]
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            messages.success(
                request, _("Sent to %(org)s.") % {"org": submission.round.organization}
            )
            return redirect("rounds:submission_detail", submission.pk)
    return _render_submission(request, submission, submit_form=form, status=400)


def _decide(request, pk: int, move):
    submission = _submission(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            fresh = move(
                submission=submission, by=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            messages.success(
                request,
                _("%(org)s: %(state)s.")
                % {"org": fresh.organization, "state": fresh.get_state_display()},
            )
            return redirect("rounds:round_detail", submission.round.pk)
    return _render_submission(request, submission, decision_form=form, status=400)


@login_required
@require_POST
def submission_accept(request, pk: int):
    return _decide(request, pk, services.submission_accept)


@login_required
@require_POST
def submission_return(request, pk: int):
    return _decide(request, pk, services.submission_return)
