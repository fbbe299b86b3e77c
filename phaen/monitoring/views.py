"""Pages of project follow-up: the list of the plan in force, a project's follow-up, the
owner's monthly report (usable on a phone), the planner's acknowledgement, the project
check before it starts, the problem register and coordination meetings, the staff page of
problems and measures. Views are thin: rules live in the services, reads in the selectors,
permissions in access.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from phaen.core.forms import add_service_errors
from phaen.core.uploads import stored_file_response
from phaen.monitoring import choices as c
from phaen.monitoring import forms, selectors, services
from phaen.monitoring.filters import FollowUpFilter
from phaen.monitoring.models import (
    CoordinationMeeting,
    Evidence,
    Problem,
    ProgressReport,
    ReportingPeriod,
    ReportPosting,
)
from phaen.organizations import access
from phaen.plans.models import AnnualPlan, Project


def _crumbs(*extra):
    crumbs = [{"label": _("Project progress"), "url": reverse("monitoring:index")}]
    return crumbs + [{"label": label, "url": url} for label, url in extra]


def _project(request, pk: int) -> Project:
    qs = Project.objects.select_related(
        "plan__organization", "responsible_unit", "owner", "lead_position"
    )
    return get_object_or_404(qs.for_user(request.user, "view"), pk=pk)


def may_report(user, project) -> bool:
    """Planners of the project's organisation and the project's own owner or lead."""
    return access.can(user, "change", project)


def _plan(request) -> AnnualPlan | None:
    org = request.organization
    if org is None:
        raise Http404
    if not access.can_in_org(request.user, "view", org):
        raise PermissionDenied
    return selectors.plan_in_force(organization=org, fiscal_year=request.fiscal_year)


# --- the follow-up list -------------------------------------------------------------------
@login_required
def index(request):
    plan = _plan(request)
    org = request.organization
    month_number = selectors.current_month_number(request.fiscal_year)
    asked = request.GET.copy()
    asked.setdefault("month", str(month_number))  # the month shown is the month selected
    filters = FollowUpFilter(asked, queryset=Project.objects.none(), organization=org)
    rows, period, months = [], None, []
    if filters.is_valid() and filters.form.cleaned_data.get("month"):
        month_number = filters.form.cleaned_data["month"]
    if plan is not None:
        months = [
            p
            for p in services.periods_ensure(organization=org, fiscal_year=plan.fiscal_year)
            if p.kind == c.PeriodKind.MONTH
        ]
        period = months[month_number - 1]
        projects = (
            Project.objects.filter(plan=plan)
            .for_user(request.user, "view")
            .select_related("plan", "responsible_unit", "owner")
            .order_by("sort_order", "id")
        )
        filters = FollowUpFilter(asked, queryset=projects, organization=org)
        projects = list(filters.qs)
        reports = selectors._reports_of(projects)
        latest, of_month = {}, {}
        for report in reports:
            if report.period.end <= period.end:
                latest[report.lineage] = report
            if report.period_id == period.pk:
                of_month[report.lineage] = report
        today = timezone.localdate()
        wanted = filters.form.cleaned_data.get("status") if filters.is_valid() else None
        for project in projects:
            last = latest.get(project.lineage)
            this = of_month.get(project.lineage)
            status = last.status if last else c.ProgressStatus.NOT_STARTED
            if wanted and status != wanted:
                continue
            missing = this is None or this.state in (c.ReportState.DRAFT, c.ReportState.RETURNED)
            rows.append(
                {
                    "project": project,
                    "report": last,
                    "status": status,
                    "status_label": c.ProgressStatus(status).label,
                    "missing": missing and project.status != "cancelled",
                    "overdue": missing
                    and project.status != "cancelled"
                    and today > period.due_date,
                    "this": this,
                }
            )
    waiting = sum(1 for r in rows if r["this"] and r["this"].state == c.ReportState.SUBMITTED)
    return render(
        request,
        "monitoring/index.html",
        {
            "plan": plan,
            "rows": rows,
            "period": period,
            "filters": filters,
            "waiting": waiting,
            "can_lock": period is not None and access.can_in_org(request.user, "edit_plans", org),
            "lock_form": forms.LockForm(),
            "breadcrumbs": _crumbs(),
        },
    )


@login_required
@require_POST
def period_lock(request, pk: int):
    period = get_object_or_404(ReportingPeriod.objects.for_user(request.user, "view"), pk=pk)
    if not access.can(request.user, "lock", period):
        raise PermissionDenied(_("You may not lock this period."))
    form = forms.LockForm(request.POST)
    form.is_valid()
    try:
        services.period_lock(
            period=period,
            by=request.user,
            force=form.cleaned_data.get("force", False),
            reason=form.cleaned_data.get("reason", ""),
        )
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("%(period)s is locked.") % {"period": period.label})
    return redirect(f"{reverse('monitoring:index')}?month={period.number}")


# --- a project's follow-up ----------------------------------------------------------------
@login_required
def project_detail(request, pk: int):
    project = _project(request, pk)
    history = selectors.project_history(project)
    evidence = [e for row in history if row["report"] for e in row["report"].evidence.all()]
    check = _check_of(project)
    return render(
        request,
        "monitoring/project.html",
        {
            "project": project,
            "plan": project.plan,
            "history": history,
            "evidence": evidence,
            "check": check,
            "can_report": may_report(request.user, project),
            "current_month": selectors.current_month_number(project.plan.fiscal_year),
            "breadcrumbs": _crumbs((project.name, None)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk: int, number: int):
    """The owner's form for the project's report of fiscal month ``number``."""
    project = _project(request, pk)
    if not may_report(request.user, project):
        raise PermissionDenied(_("You may not report on this project."))
    if not 1 <= number <= 12:
        raise Http404
    plan = project.plan
    period = next(
        p
        for p in services.periods_ensure(
            organization=plan.organization, fiscal_year=plan.fiscal_year
        )
        if p.kind == c.PeriodKind.MONTH and p.number == number
    )
    report = ProgressReport.objects.filter(lineage=project.lineage, period=period).first()
    if report is not None and report.state not in services.EDITABLE:
        return redirect("monitoring:report_detail", report.pk)
    activities = list(project.activities.all())
    outputs = list(project.outputs.all())
    risks = list(project.risks.all())
    initial = {"status": c.ProgressStatus.IN_PROGRESS, "percent": 0}
    if report is not None:
        initial = {
            "status": report.status,
            "percent": report.percent,
            "narrative": report.narrative,
            "problems": report.problems,
            "suggestions": report.suggestions,
        }
        initial |= {f"activity_{a.activity_id}": a.status for a in report.activities.all()}
        initial |= {f"output_{a.output_id}": a.actual for a in report.achievements.all()}
        # A report begun on an earlier edition points at that edition's risk rows: match
        # them to this edition's copies by their description.
        occurred = {o.risk.description: o for o in report.risks_triggered.select_related("risk")}
        for risk in risks:
            if risk.description in occurred:
                initial[f"risk_{risk.pk}"] = True
                initial[f"risk_note_{risk.pk}"] = occurred[risk.description].note
    form = forms.ProgressReportForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        activities=activities,
        outputs=outputs,
        risks=risks,
    )
    if request.method == "POST" and form.is_valid():
        try:
            from django.db import transaction

            with transaction.atomic():
                report = services.report_save(
                    project=project, period=period, by=request.user, **form.service_fields()
                )
                upload = form.cleaned_data.get("evidence_file")
                if upload:
                    services.evidence_add(
                        report=report,
                        upload=upload,
                        caption=form.cleaned_data.get("evidence_caption", ""),
                        by=request.user,
                    )
                    form.fields["evidence_file"].evidence = True
                if "submit" in request.POST:
                    services.report_submit(report=report, by=request.user)
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "file" in exc.error_dict:
                exc = ValidationError({"evidence_file": exc.error_dict.pop("file")})
            add_service_errors(form, exc)
        else:
            if "submit" in request.POST:
                messages.success(request, _("The report was submitted."))
            else:
                messages.success(request, _("The draft was saved."))
            return redirect("monitoring:report_detail", report.pk)
    planned = services.planned_percent(project, number)
    return render(
        request,
        "monitoring/report_form.html",
        {
            "form": form,
            "project": project,
            "period": period,
            "report": report,
            "planned": planned,
            "breadcrumbs": _crumbs(
                (project.name, reverse("monitoring:project_detail", args=[project.pk])),
                (period.label, None),
            ),
        },
    )


def _report(request, pk: int) -> ProgressReport:
    qs = ProgressReport.objects.select_related(
        "project__plan__organization", "period", "submitted_by", "acknowledged_by"
    ).prefetch_related(
        "activities__activity",
        "achievements__output",
        "risks_triggered__risk",
        "evidence",
        "snapshots",
    )
    return get_object_or_404(qs.for_user(request.user, "view"), pk=pk)


@login_required
def report_detail(request, pk: int):
    report = _report(request, pk)
    project = report.project
    return render(
        request,
        "monitoring/report_detail.html",
        {
            "report": report,
            "project": project,
            "planned": services.planned_percent(project, report.period.number),
            "can_edit": report.state in services.EDITABLE
            and access.can(request.user, "change", report),
            "can_acknowledge": access.can(request.user, "acknowledge", report),
            "return_form": forms.ReturnForm(),
            "meeting_form": forms.MeetingApprovalForm(),
            "breadcrumbs": _crumbs(
                (project.name, reverse("monitoring:project_detail", args=[project.pk])),
                (report.period.label, None),
            ),
        },
    )


@login_required
@require_POST
def report_action(request, pk: int, action: str):
    report = _report(request, pk)
    needed = "change" if action == "submit" else "acknowledge"
    if not access.can(request.user, needed, report):
        raise PermissionDenied(_("You may not do this to the report."))
    try:
        if action == "submit":
            services.report_submit(report=report, by=request.user)
            messages.success(request, _("The report was submitted."))
        elif action == "acknowledge":
            services.report_acknowledge(report=report, by=request.user)
            messages.success(request, _("The report was acknowledged; what it shows is kept."))
        elif action == "return":
            form = forms.ReturnForm(request.POST)
            comment = form.data.get("comment", "")
            services.report_return(report=report, by=request.user, comment=comment)
            messages.success(request, _("The report was returned to its owner."))
        elif action == "meeting":
            form = forms.MeetingApprovalForm(request.POST)
            if not form.is_valid():
                raise ValidationError(
                    {"meeting_approved_on": [e for errs in form.errors.values() for e in errs]}
                )
            services.report_meeting_approval(
                report=report,
                by=request.user,
                approved_on=form.cleaned_data["approved_on"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("The staff meeting's approval was recorded."))
        else:
            raise Http404
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    return redirect("monitoring:report_detail", report.pk)


@login_required
def evidence_file(request, pk: int):
    evidence = get_object_or_404(Evidence.objects.for_user(request.user, "view"), pk=pk)
    return stored_file_response(evidence.file)


@login_required
@require_POST
def evidence_delete(request, pk: int):
    evidence = get_object_or_404(
        Evidence.objects.for_user(request.user, "view").select_related("report"), pk=pk
    )
    if not access.can(request.user, "delete", evidence):
        raise PermissionDenied
    report = evidence.report
    try:
        services.evidence_delete(evidence=evidence, by=request.user)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    return redirect("monitoring:report_detail", report.pk)


# --- project check before it starts --------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def project_check(request, pk: int):
    project = _project(request, pk)
    org = project.plan.organization
    may_check = access.can_in_org(request.user, "edit_plans", org)
    may_decide = access.can_in_org(request.user, "approve", org)
    check = _check_of(project)
    if check is None and request.method == "POST" and may_check:
        check = services.check_open(project=project, by=request.user)
    errors = []
    if request.method == "POST" and check is not None:
        try:
            if "decision" in request.POST:
                if not access.can(request.user, "decide", check):
                    raise PermissionDenied
                services.check_decide(
                    check=check,
                    by=request.user,
                    approve=request.POST["decision"] == "approve",
                    comment=request.POST.get("comment", ""),
                )
                messages.success(request, _("The decision was recorded."))
            else:
                if not access.can(request.user, "change", check):
                    raise PermissionDenied
                answers = {}
                for item in check.items.all():
                    value = request.POST.get(f"item_{item.pk}", "")
                    answer = {"yes": True, "no": False}.get(value)
                    answers[item.pk] = (answer, request.POST.get(f"comment_{item.pk}", ""))
                services.check_record(
                    check=check,
                    by=request.user,
                    answers=answers,
                    officer_comment=request.POST.get("officer_comment", ""),
                    submit="submit" in request.POST,
                )
                messages.success(request, _("The check was saved."))
        except ValidationError as exc:
            errors = exc.messages
        else:
            return redirect("monitoring:project_check", project.pk)
    return render(
        request,
        "monitoring/check.html",
        {
            "project": project,
            "check": check,
            "items": list(check.items.all()) if check else [],
            "may_check": may_check,
            "may_decide": may_decide,
            "errors": errors,
            "decision_form": forms.DecisionForm(),
            "breadcrumbs": _crumbs(
                (project.name, reverse("monitoring:project_detail", args=[project.pk])),
                (_("Check before it starts"), None),
            ),
        },
    )


def _check_of(project):
    from phaen.monitoring.models import ProjectCheck

    return ProjectCheck.objects.filter(project=project).first()


# --- problems and meetings ----------------------------------------------------------------
@login_required
def problem_list(request):
    plan = _plan(request)
    problems = []
    meetings = []
    if plan is not None:
        problems = (
            Problem.objects.filter(plan=plan)
            .for_user(request.user, "view")
            .select_related("project", "owner_position", "owner_person")
        )
        meetings = (
            CoordinationMeeting.objects.filter(plan=plan)
            .for_user(request.user, "view")
            .prefetch_related("decisions")
        )
    org = request.organization
    return render(
        request,
        "monitoring/problems.html",
        {
            "plan": plan,
            "problems": problems,
            "meetings": meetings,
            "carried": selectors.carried_decisions(org, request.fiscal_year),
            "can_manage": plan is not None and access.can_in_org(request.user, "edit_plans", org),
            "breadcrumbs": _crumbs((_("Problems and improvement"), None)),
        },
    )


@login_required
@require_safe
def problems_staff(request):
    """Problems and measures: the problems published to staff, read-only and printable,
    grouped by status. The plan in force of the working organisation and year, or the one
    named by ``?plan=`` (the link in the publishing notification)."""
    plan_id = request.GET.get("plan")
    if plan_id:
        if not plan_id.isdigit():
            raise Http404
        plan = get_object_or_404(
            AnnualPlan.objects.for_user(request.user, "view").select_related("organization"),
            pk=int(plan_id),
        )
        organization = plan.organization
    else:
        plan = _plan(request)
        organization = request.organization
    groups, total = [], 0
    if plan is not None:
        problems = (
            Problem.objects.filter(plan=plan, published=True)
            .for_user(request.user, "view")
            .select_related("project", "owner_position", "owner_person")
            .order_by(F("due").asc(nulls_last=True), "found_on", "id")
        )
        by_status: dict[str, list] = {}
        for problem in problems:
            by_status.setdefault(problem.status, []).append(problem)
        groups = [
            {"status": value, "label": label, "problems": by_status[value]}
            for value, label in c.ProblemStatus.choices
            if value in by_status
        ]
        total = sum(len(g["problems"]) for g in groups)
    return render(
        request,
        "monitoring/problems_staff.html",
        {
            "plan": plan,
            "organization": organization,
            "groups": groups,
            "total": total,
            "today": timezone.localdate(),
            "done": c.ProblemStatus.DONE,
            "breadcrumbs": _crumbs(
                (_("Problems and improvement"), reverse("monitoring:problems")),
                (_("Problems and measures"), None),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def problem_form(request, pk: int | None = None):
    plan = _plan(request)
    if plan is None:
        raise Http404
    problem = None
    if pk is not None:
        problem = get_object_or_404(Problem.objects.for_user(request.user, "change"), pk=pk)
        plan = problem.plan
    elif not access.can_in_org(request.user, "edit_plans", plan.organization):
        raise PermissionDenied
    form = forms.ProblemForm(
        request.POST or None,
        instance=problem or Problem(plan=plan, found_on=timezone.localdate()),
        plan=plan,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.problem_save(
                plan=plan, by=request.user, problem=problem, **form.service_fields()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The problem was saved."))
            return redirect("monitoring:problems")
    return render(
        request,
        "monitoring/form.html",
        {
            "form": form,
            "heading": _("Problem") if problem else _("New problem"),
            "breadcrumbs": _crumbs(
                (_("Problems and improvement"), reverse("monitoring:problems")),
                (_("Problem"), None),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_form(request, pk: int | None = None):
    plan = _plan(request)
    if plan is None:
        raise Http404
    meeting = None
    initial = {"held_on": timezone.localdate()}
    if pk is not None:
        meeting = get_object_or_404(
            CoordinationMeeting.objects.for_user(request.user, "change"), pk=pk
        )
        plan = meeting.plan
        initial = {
            "held_on": meeting.held_on,
            "title": meeting.title,
            "attendees": meeting.attendees,
            "decisions": "\n".join(
                ("+ " if d.carry_forward else "") + d.text for d in meeting.decisions.all()
            ),
        }
    elif not access.can_in_org(request.user, "edit_plans", plan.organization):
        raise PermissionDenied
    form = forms.MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_save(
                plan=plan,
                by=request.user,
                meeting=meeting,
                held_on=form.cleaned_data["held_on"],
                title=form.cleaned_data["title"],
                attendees=form.cleaned_data["attendees"],
                decisions=form.decision_list(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("monitoring:problems")
    return render(
        request,
        "monitoring/form.html",
        {
            "form": form,
            "heading": _("Coordination meeting"),
            "breadcrumbs": _crumbs(
                (_("Problems and improvement"), reverse("monitoring:problems")),
                (_("Coordination meeting"), None),
            ),
        },
    )


# --- posting of a local administration's monitoring report --------------------------------
def _round(request, code: str):
    if code not in {f"R{n}" for n in services.POSTING_ROUNDS}:
        raise Http404
    return selectors.period_by_code(
        organization=request.organization, fiscal_year=request.fiscal_year, code=code
    )


def _may_post(user, organization) -> bool:
    return organization.kind.is_local_administration and access.can_in_org(
        user, "edit_plans", organization
    )


@login_required
def posting_list(request):
    """The six-month and annual monitoring reports of the year: presented, posted, and what
    breaks the posting rule (README)."""
    plan = _plan(request)
    org = request.organization
    postings = {
        p.period.number: p
        for p in ReportPosting.objects.filter(
            organization=org, period__fiscal_year=request.fiscal_year
        )
        .for_user(request.user, "view")
        .select_related("period", "recorded_by")
    }
    today = timezone.localdate()
    rows = []
    for number in services.POSTING_ROUNDS:
        posting = postings.get(number)
        rows.append(
            {
                "code": f"R{number}",
                "number": number,
                "posting": posting,
                "deadline": services.posting_deadline(posting) if posting else None,
                "december": services.december_deadline(request.fiscal_year)
                if number == services.DECEMBER_ROUND
                else None,
                "findings": services.posting_findings(posting, today) if posting else [],
            }
        )
    return render(
        request,
        "monitoring/postings.html",
        {
            "plan": plan,
            "rows": rows,
            "is_local": org.kind.is_local_administration,
            "can_post": plan is not None and _may_post(request.user, org),
            "rules": {
                "within": services.POSTED_WITHIN_DAYS,
                "days": services.MIN_POSTED_DAYS,
            },
            "breadcrumbs": _crumbs((_("Posting of the monitoring report"), None)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def posting_form(request, code: str):
    plan = _plan(request)
    if plan is None:
        raise Http404
    if not _may_post(request.user, request.organization):
        raise PermissionDenied(_("Planners of a local administration record the posting."))
    period = _round(request, code)
    posting = ReportPosting.objects.filter(period=period).first()
    initial = {}
    if posting is not None:
        initial = {
            "reported_on": posting.reported_on,
            "posted_from": posting.posted_from,
            "posted_until": posting.posted_until,
            "note": posting.note,
        }
    form = forms.PostingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.posting_save(
                plan=plan, period=period, by=request.user, posting=posting, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The posting was recorded."))
            return redirect("monitoring:postings")
    return render(
        request,
        "monitoring/posting_form.html",
        {
            "form": form,
            "period": period,
            "posting": posting,
            "breadcrumbs": _crumbs(
                (_("Posting of the monitoring report"), reverse("monitoring:postings")),
                (period.label, None),
            ),
        },
    )
