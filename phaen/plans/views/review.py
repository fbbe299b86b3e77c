"""Pages of an annual plan's review and after: the route with its actions (submit, complete
a step, send back, announce), accepting findings with a reason, committee meetings,
deadlines and posting, the announcement document, editions and their diff, priorities and
fit-to-ceiling, the schedule, and the consolidation of child organisations' plans.

Thin views over ``workflow``, ``checks``, ``selectors`` and ``deadlines``. The forms are
small and used only here, so they live here too.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from phaen.core.forms import ThaiDateField
from phaen.core.thai import (
    baht_text,
    fiscal_months,
    fiscal_year_span_text,
    format_baht,
    format_thai_date,
    month_name,
    to_thai_digits,
)
from phaen.organizations import access
from phaen.organizations.models import Appointment, Organization, Position
from phaen.plans import choices as c
from phaen.plans import selectors, workflow
from phaen.plans.checks import alignment_check
from phaen.plans.deadlines import plan_deadlines
from phaen.plans.filters import ScheduleFilter
from phaen.plans.models import (
    AnnualPlan,
    BudgetLine,
    DeadlineEvent,
    MeetingComment,
    MeetingDecision,
    Project,
    ReviewStep,
)
from phaen.web.htmx import is_fragment

EDITABLE = (c.PlanState.DRAFT, c.PlanState.RETURNED)
FROZEN = (c.PlanState.APPROVED, c.PlanState.ANNOUNCED)


# --- Forms ---------------------------------------------------------------------------------
class CommentForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("What must change"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AnnounceForm(forms.Form):
    announced_on = ThaiDateField(
        label=gettext_lazy("Announced on"),
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )


class OverrideForm(forms.Form):
    finding = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Why this is acceptable"), widget=forms.Textarea(attrs={"rows": 2})
    )


class PostingForm(forms.Form):
    posted_from = ThaiDateField(label=gettext_lazy("Posted from"))
    posted_until = ThaiDateField(label=gettext_lazy("Posted until"), required=False)


class PlanEventForm(forms.Form):
    event = forms.ChoiceField(label=gettext_lazy("Event"), choices=DeadlineEvent.choices)
    date = ThaiDateField(label=gettext_lazy("Date"))
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=300)


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


class MeetingForm(forms.Form):
    step = forms.ModelChoiceField(label=gettext_lazy("Review step"), queryset=None, required=False)
    date = ThaiDateField(label=gettext_lazy("Date of the meeting"))
    members_present = forms.CharField(
        label=gettext_lazy("Members present"),
        help_text=gettext_lazy("One name per line."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    decision = forms.ChoiceField(label=gettext_lazy("Decision"), choices=MeetingDecision.choices)
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, plan, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = ReviewStep.objects.filter(plan_kind=plan.kind)
        self.projects = projects
        for project in projects:
            self.fields[f"comment_{project.pk}"] = forms.CharField(
                label=project.name,
                required=False,
                widget=forms.Textarea(attrs={"rows": 1}),
            )

    def project_comments(self) -> dict:
        return {p: self.cleaned_data.get(f"comment_{p.pk}", "") for p in self.projects}


# --- Helpers -------------------------------------------------------------------------------
def _plan(request, pk, queryset=None):
    queryset = queryset or AnnualPlan.objects.select_related("organization", "previous")
    return get_object_or_404(queryset.for_user(request.user), pk=pk)


def _crumbs(plan, *extra):
    return [
        {"label": _("Annual plans"), "url": reverse("plans:plan_list")},
        {"label": plan.title, "url": reverse("plans:plan_detail", args=[plan.pk])},
        *({"label": label, "url": url} for label, url in extra),
    ]


def _back(plan):
    return redirect("plans:plan_detail", plan.pk)


def _refused(request, exc: ValidationError) -> None:
    """Show a service's refusal (stale move, findings, wrong state) as a message."""
    messages.error(request, " ".join(exc.messages))


def _editions(plan, user):
    """Every edition of the plan's organisation, kind and year (oldest first)."""
    return (
        AnnualPlan.objects.for_user(user)
        .filter(organization_id=plan.organization_id, kind=plan.kind, fiscal_year=plan.fiscal_year)
        .order_by("id")
    )


def review_context(request, plan) -> dict:
    """What the review panel of a plan shows, with the actions this user may take."""
    user = request.user
    step = workflow.current_step(plan)
    can_change = access.can(user, "change", plan)
    can_edit = plan.state in EDITABLE and can_change
    check = alignment_check(plan) if can_edit else None
    meetings = plan.meetings.select_related("step").prefetch_related(
        Prefetch("comments", MeetingComment.objects.select_related("project"))
    )
    return {
        "plan": plan,
        "route": workflow.route(plan),
        "step": step,
        "may_act": workflow.may_act_on_step(user, plan, step),
        "can_edit": can_edit,
        "can_change": can_change,
        "can_announce": plan.state == c.PlanState.APPROVED and access.can(user, "approve", plan),
        "can_record_meeting": access.can(user, "review", plan) or can_change,
        "check": check,
        "may_submit": check is not None and not check.blocking and not check.open_warnings,
        "blockers": len(check.blocking) + len(check.open_warnings) if check else 0,
        "transitions": plan.transitions.select_related("by", "step"),
        "meetings": meetings,
        "deadlines": plan_deadlines(plan),
        "editions": _editions(plan, user),
        "can_start_edition": plan.state in FROZEN
        and can_change
        and not plan.next_editions.exists(),
        "advance_form": CommentForm(),
        "return_form": ReturnForm(),
        "announce_form": AnnounceForm(initial={"announced_on": timezone.localdate()}),
        "posting_form": PostingForm(
            initial={"posted_from": plan.posted_from, "posted_until": plan.posted_until}
        ),
        "event_form": PlanEventForm(),
        "edition_form": EditionForm(),
    }


@login_required
def plan_review(request, pk: int):
    """The review panel: a page of its own, or the fragment the plan page loads."""
    plan = _plan(request, pk)
    context = review_context(request, plan)
    if is_fragment(request):  # inside the plan page, which shows the stepper itself
        return render(request, "plans/_route_panel.html", {**context, "embedded": True})
    context["breadcrumbs"] = _crumbs(plan, (_("Review and announcement"), None))
    return render(request, "plans/review_plan.html", context)


# --- Route actions (one URL each) -----------------------------------------------------------
def _transition(request, pk, action, form_class=None):
    plan = _plan(request, pk)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {' '.join(errors)}")
        return _back(plan)
    data = form.cleaned_data if form is not None else {}
    try:
        moved = action(plan=plan, by=request.user, **data)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        state = moved.get_state_display()
        messages.success(request, _("Done: the plan is now “%(state)s”.") % {"state": state})
    return _back(plan)


@login_required
@require_POST
def plan_submit(request, pk: int):
    return _transition(request, pk, workflow.plan_submit, CommentForm)


@login_required
@require_POST
def plan_advance(request, pk: int):
    return _transition(request, pk, workflow.plan_advance, CommentForm)


@login_required
@require_POST
def plan_return(request, pk: int):
    return _transition(request, pk, workflow.plan_return, ReturnForm)


def _announce(*, plan, by, announced_on=None):
    return workflow.plan_announce(plan=plan, by=by, on=announced_on)


@login_required
@require_POST
def plan_announce(request, pk: int):
    return _transition(request, pk, _announce, AnnounceForm)


@login_required
@require_POST
def finding_override(request, pk: int):
    plan = _plan(request, pk)
    if not access.can(request.user, "change", plan):
        raise PermissionDenied(_("Only the plan's planners accept findings."))
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            workflow.override_finding(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("The finding was accepted with your reason."))
    else:
        messages.error(request, _("Say why this finding is acceptable."))
    return redirect("plans:plan_check", plan.pk)


# --- Committee meetings ----------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def meeting_add(request, pk: int):
    plan = _plan(request, pk)
    if not (access.can(request.user, "review", plan) or access.can(request.user, "change", plan)):
        raise PermissionDenied(_("You may not record meetings on this plan."))
    projects = list(Project.objects.filter(plan=plan).order_by("sort_order", "id"))
    form = MeetingForm(
        request.POST or None,
        plan=plan,
        projects=projects,
        initial={"step": workflow.current_step(plan), "date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("comment_")}
        try:
            workflow.meeting_record(
                plan=plan, by=request.user, comments=form.project_comments(), **data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The meeting was recorded."))
            return _back(plan)
    return render(
        request,
        "plans/review_meeting_form.html",
        {
            "plan": plan,
            "form": form,
            "breadcrumbs": _crumbs(plan, (_("Record a committee meeting"), None)),
        },
    )


# --- Deadlines and posting --------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def plan_posting(request, pk: int):
    plan = _plan(request, pk)
    if not access.can(request.user, "change", plan):
        raise PermissionDenied(_("Only the plan's planners record its posting."))
    form = PostingForm(
        request.POST or None,
        initial={"posted_from": plan.posted_from, "posted_until": plan.posted_until},
    )
    if request.method == "POST" and form.is_valid():
        try:
            workflow.posting_record(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The posting dates were saved."))
            return _back(plan)
    return render(
        request,
        "plans/review_posting_form.html",
        {
            "plan": plan,
            "form": form,
            "deadlines": plan_deadlines(plan),
            "breadcrumbs": _crumbs(plan, (_("Posting"), None)),
        },
    )


@login_required
@require_POST
def plan_event_add(request, pk: int):
    plan = _plan(request, pk)
    if not access.can(request.user, "change", plan):
        raise PermissionDenied(_("Only the plan's planners record events."))
    form = PlanEventForm(request.POST)
    if form.is_valid():
        workflow.plan_event_record(plan=plan, by=request.user, **form.cleaned_data)
        messages.success(request, _("The event was recorded; its deadline is shown below."))
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {' '.join(errors)}")
    return _back(plan)


# --- The announcement document ---------------------------------------------------------------
# The document is a Thai official letter: its words are the regulation's and stay Thai in
# every interface language (like the forms ผด.01/ผด.02), so they are not translated.
KIND_TH = {
    c.AnnualPlanKind.ACTION_PLAN: "แผนปฏิบัติการ",
    c.AnnualPlanKind.GOVERNMENT_ACTION_PLAN: "แผนปฏิบัติราชการประจำปี",
    c.AnnualPlanKind.OPERATIONAL_PLAN: "แผนการดำเนินงาน",
}
EDITION_TH = {
    c.EditionKind.ADDITION: "เพิ่มเติม",
    c.EditionKind.CHANGE: "แก้ไข",
    c.EditionKind.DEFERRAL: "ชะลอ/ยกเลิก",
}
ACTING_TH = {"acting": "รักษาราชการแทน", "acting_in_position": "รักษาการในตำแหน่ง"}
LAO_AUTHORITY = (
    "อาศัยอำนาจตามความในข้อ 26 แห่งระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กร"
    "ปกครองส่วนท้องถิ่น พ.ศ. 2548 และที่แก้ไขเพิ่มเติม"
)


def edition_th(plan) -> str:
    """ "เพิ่มเติม ครั้งที่ 1/2568", or "" for the original plan."""
    if plan.edition_kind == c.EditionKind.ORIGINAL:
        return ""
    return f"{EDITION_TH[plan.edition_kind]} ครั้งที่ {plan.edition_number}/{plan.edition_year}"


def signatory(org, on):
    """(name, position line) of whoever holds the organisation's head position on ``on``."""
    heads = Position.objects.filter(organization=org, is_head=True).order_by("sort_order", "id")
    head = heads.first()
    if head is None:
        return None
    appointments = list(
        Appointment.objects.current(on).filter(position=head).select_related("person")
    )
    # The regular holder signs; otherwise whoever acts in the position.
    chosen = next((a for a in appointments if a.kind == "regular"), None) or next(
        iter(appointments), None
    )
    if chosen is None:
        return {"name": "", "position": head.title_th}
    prefix = ACTING_TH.get(chosen.kind, "")
    return {"name": chosen.person.full_name, "position": f"{prefix}{head.title_th}"}


def announcement(plan, projects) -> dict:
    """The words of the plan's announcement (ประกาศ), Thai digits throughout."""
    org = plan.organization
    kind = KIND_TH[plan.kind]
    edition = edition_th(plan)
    totals = selectors.rollup(projects)
    on = plan.announced_on or plan.approved_on or timezone.localdate()
    subject = f"ประกาศใช้{kind} ประจำปีงบประมาณ พ.ศ. {plan.fiscal_year}"
    if edition:
        subject += f" ({edition})"
    span = fiscal_year_span_text(plan.fiscal_year)
    what = f"{kind} ประจำปีงบประมาณ พ.ศ. {plan.fiscal_year}" + (f" {edition}" if edition else "")
    money = (
        f"จำนวน {totals.projects} โครงการ งบประมาณรวมทั้งสิ้น {format_baht(totals.total)} บาท "
        f"({baht_text(totals.total)})"
    )
    if plan.kind == c.AnnualPlanKind.OPERATIONAL_PLAN:
        body = f"{LAO_AUTHORITY} {org.name_th} จึงประกาศใช้{what} ({span}) {money}"
    else:
        basis = f"สอดคล้องกับ{plan.multi_year_plan.title} " if plan.multi_year_plan_id else ""
        body = (
            f"เพื่อให้การดำเนินงานของ{org.name_th} ประจำปีงบประมาณ พ.ศ. {plan.fiscal_year} "
            f"({span}) เป็นไปอย่างมีทิศทาง {basis}และบรรลุเป้าหมายอย่างมีประสิทธิภาพ "
            f"{org.name_th} จึงประกาศใช้{what} {money}"
        )
    body += " รายละเอียดปรากฏตามแนบท้ายประกาศนี้"
    return {
        "heading": f"ประกาศ{org.name_th}",
        "subject": to_thai_digits(f"เรื่อง {subject}"),
        "body": to_thai_digits(body),
        "reason": plan.edition_reason if edition else "",
        "date": f"ประกาศ ณ วันที่ {format_thai_date(on, 'gazette', thai_digits=True)}",
        "signatory": signatory(org, on),
        "draft": plan.state != c.PlanState.ANNOUNCED,
    }


@login_required
def plan_announcement(request, pk: int):
    plan = _plan(request, pk, AnnualPlan.objects.select_related("organization", "multi_year_plan"))
    projects = _active_projects(plan)
    return render(
        request,
        "plans/review_announcement.html",
        {
            "plan": plan,
            "doc": announcement(plan, projects),
            "back_url": reverse("plans:plan_detail", args=[plan.pk]),
        },
    )


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


def money_projects(plans):
    """Projects of ``plans`` (not cancelled) with their money and strategic issue, ready for
    ``selectors.rollup`` (three queries, the lines' category parents included)."""
    return (
        Project.objects.filter(plan__in=plans)
        .exclude(status=c.ProjectStatus.CANCELLED)
        .select_related("issue", "responsible_unit")
        .prefetch_related(
            Prefetch(
                "budget_lines", BudgetLine.objects.select_related("source", "category__parent")
            )
        )
        .order_by("plan", "sort_order", "id")
    )


def _active_projects(plan):
    return list(money_projects([plan]))


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


# --- Schedule -----------------------------------------------------------------------------------
def month_labels(months) -> str:
    lang = get_language() or "th"
    calendar_months = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    return " ".join(month_name(calendar_months[m - 1], abbr=True, lang=lang) for m in months)


def month_flags(months, start, end, fiscal_year) -> list[bool]:
    """Twelve flags, October first: the planned months, or else the months the dates span."""
    if months:
        return [m in months for m in range(1, 13)]
    if not (start or end):
        return [False] * 12
    flags = []
    for year, month in fiscal_months(fiscal_year):
        first = (year, month)
        flags.append(
            (start is None or (start.year, start.month) <= first)
            and (end is None or first <= (end.year, end.month))
        )
    return flags


def schedule_header(fiscal_year):
    lang = get_language() or "th"
    return {
        "years": [(fiscal_year - 1, 3), (fiscal_year, 9)],
        "months": [month_name(m, abbr=True, lang=lang) for _y, m in fiscal_months(fiscal_year)],
    }


@login_required
def plan_schedule(request, pk: int):
    plan = _plan(request, pk)
    base = (
        Project.objects.filter(plan=plan)
        .exclude(status=c.ProjectStatus.CANCELLED)
        .select_related("responsible_unit", "owner", "issue")
        .prefetch_related("activities")
        .order_by("sort_order", "id")
    )
    filterset = ScheduleFilter(request.GET or None, queryset=base, plan=plan)
    rows = []
    for project in filterset.qs:
        fy = plan.fiscal_year
        rows.append(
            {
                "project": project,
                "flags": month_flags(project.months, project.start_date, project.end_date, fy),
                "activities": [
                    (a, month_flags(a.months, a.start_date, a.end_date, fy))
                    for a in project.activities.all()
                ],
            }
        )
    return render(
        request,
        "plans/schedule.html",
        {
            "plan": plan,
            "filter": filterset,
            "rows": rows,
            "header": schedule_header(plan.fiscal_year),
            "breadcrumbs": _crumbs(plan, (_("Schedule"), None)),
        },
    )


# --- Consolidation -------------------------------------------------------------------------------
CURRENT_STATES = (c.PlanState.ANNOUNCED, c.PlanState.APPROVED)


def current_plans(plans) -> dict:
    """Per organisation, its current plan: the latest announced or approved edition, else
    the latest draft (whatever its kind, action plans before operational plans)."""
    chosen: dict = {}
    for plan in plans:
        key = (plan.state not in CURRENT_STATES, -plan.edition_number, -plan.pk)
        best = chosen.get(plan.organization_id)
        if best is None or key < best[0]:
            chosen[plan.organization_id] = (key, plan)
    return {org_id: plan for org_id, (_key, plan) in chosen.items()}


def consolidation_data(org, fiscal_year, user) -> dict:
    """The children's current plans of ``fiscal_year`` combined (four queries plus the
    project prefetches, whatever the number of children)."""
    children = list(Organization.objects.for_user(user).filter(parent=org).order_by("code"))
    plans = AnnualPlan.objects.for_user(user).filter(
        organization__in=children, fiscal_year=fiscal_year
    )
    chosen = current_plans(plans)
    projects = list(money_projects(list(chosen.values())))
    by_plan = defaultdict(list)
    for project in projects:
        by_plan[project.plan_id].append(project)
    rows = []
    for child in children:
        plan = chosen.get(child.pk)
        rows.append(
            {
                "organization": child,
                "plan": plan,
                "rollup": selectors.rollup(by_plan[plan.pk]) if plan else None,
            }
        )
    total = selectors.rollup(projects)
    by_issue: dict = defaultdict(lambda: Decimal(0))
    for (_number, title), amount in total.by_strategy.items():
        by_issue[title] += amount
    return {"rows": rows, "total": total, "by_issue": dict(by_issue)}


@login_required
def consolidation(request):
    org = request.organization
    if org is None:
        raise Http404
    if not access.can_in_org(request.user, "consolidate", org):
        raise PermissionDenied(_("Planners and executives consolidate their organisation."))
    fiscal_year = request.fiscal_year
    data = consolidation_data(org, fiscal_year, request.user)
    return render(
        request,
        "plans/consolidation.html",
        {
            "organization": org,
            "fiscal_year": fiscal_year,
            **data,
            "breadcrumbs": [
                {"label": _("Annual plans"), "url": reverse("plans:plan_list")},
                {"label": _("Consolidation"), "url": None},
            ],
        },
    )


urlpatterns = [
    path("<int:pk>/review/", plan_review, name="plan_review"),
    path("<int:pk>/submit/", plan_submit, name="plan_submit"),
    path("<int:pk>/advance/", plan_advance, name="plan_advance"),
    path("<int:pk>/return/", plan_return, name="plan_return"),
    path("<int:pk>/announce/", plan_announce, name="plan_announce"),
    path("<int:pk>/check/accept/", finding_override, name="finding_override"),
    path("<int:pk>/meetings/new/", meeting_add, name="meeting_add"),
    path("<int:pk>/posting/", plan_posting, name="plan_posting"),
    path("<int:pk>/events/new/", plan_event_add, name="plan_event_add"),
    path("<int:pk>/announcement/", plan_announcement, name="plan_announcement"),
    path("<int:pk>/editions/new/", edition_create, name="edition_create"),
    path("<int:pk>/diff/", edition_diff, name="edition_diff"),
    path("<int:pk>/priorities/", plan_priorities, name="plan_priorities"),
    path("<int:pk>/priorities/amend/", plan_fit_edition, name="plan_fit_edition"),
    path("<int:pk>/schedule/", plan_schedule, name="plan_schedule"),
    path("consolidation/", consolidation, name="consolidation"),
]
