"""Deadlines, posting and the announcement document (ประกาศ) of an annual plan."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from phaen.core.forms import ThaiDateField
from phaen.core.thai import (
    baht_text,
    fiscal_year_span_text,
    format_baht,
    format_thai_date,
    to_thai_digits,
)
from phaen.organizations import access
from phaen.organizations.models import Appointment, Position
from phaen.plans import choices as c
from phaen.plans import selectors, workflow
from phaen.plans.deadlines import plan_deadlines
from phaen.plans.models import (
    AnnualPlan,
    DeadlineEvent,
)
from phaen.plans.views.common import _active_projects, _back, _crumbs, _plan


class PostingForm(forms.Form):
    posted_from = ThaiDateField(label=gettext_lazy("Posted from"))
    posted_until = ThaiDateField(label=gettext_lazy("Posted until"), required=False)


class PlanEventForm(forms.Form):
    event = forms.ChoiceField(label=gettext_lazy("Event"), choices=DeadlineEvent.choices)
    date = ThaiDateField(label=gettext_lazy("Date"))
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=300)


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


urlpatterns = [
    path("<int:pk>/posting/", plan_posting, name="plan_posting"),
    path("<int:pk>/events/new/", plan_event_add, name="plan_event_add"),
    path("<int:pk>/announcement/", plan_announcement, name="plan_announcement"),
]
