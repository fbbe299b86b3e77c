"""Monthly progress of projects: the owner's report, its submission, the planner's
acknowledgement (which seals a snapshot) or return, evidence and bulk submission.

Every write first checks that the report's period is open (``ensure_open``)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phaen.core import thai
from phaen.core.uploads import MAX_EVIDENCE_BYTES, check_evidence
from phaen.monitoring import choices as c
from phaen.monitoring.models import (
    ActivityProgress,
    Evidence,
    OutputAchievement,
    ProgressReport,
    ReportingPeriod,
    ReportSnapshot,
    RiskOccurrence,
)

__all__ = [
    "MAX_EVIDENCE_BYTES",
    "evidence_add",
    "evidence_delete",
    "planned_months",
    "planned_percent",
    "report_acknowledge",
    "report_meeting_approval",
    "report_return",
    "report_save",
    "report_submit",
    "reports_bulk_submit",
    "snapshot_data",
]

EDITABLE = (c.ReportState.DRAFT, c.ReportState.RETURNED)
__all__ += ["EDITABLE", "narrative_reason"]


def planned_months(project) -> list[int]:
    """The project's planned fiscal months (1 = October … 12), from its ``months`` or, when
    empty, from its start and end dates within the plan's fiscal year."""
    if project.months:
        return sorted(set(project.months))
    if project.start_date and project.end_date:
        months = []
        for index, (year, month) in enumerate(thai.fiscal_months(project.plan.fiscal_year), 1):
            first = dt.date(year, month, 1)
            if project.start_date <= _month_last(first) and first <= project.end_date:
                months.append(index)
        return months
    return []


def _month_last(first: dt.date) -> dt.date:
    nxt = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def planned_percent(project, month_number: int) -> int | None:
    """Share (0–100) of the project's planned months elapsed by the end of fiscal month
    ``month_number``; None when the project has no planned months."""
    months = planned_months(project)
    if not months:
        return None
    elapsed = sum(1 for m in months if m <= month_number)
    share = Decimal(100 * elapsed) / len(months)
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _check_open(period: ReportingPeriod) -> None:
    from phaen.monitoring.services import PeriodLockedError, ensure_open

    try:
        ensure_open(period)
    except PeriodLockedError as exc:
        raise ValidationError({"period": str(exc)}) from exc


def _validate(report: ProgressReport) -> None:
    """The report's own rules (the model's fields and constraints, plus the narrative rule)."""
    errors: dict[str, list[str]] = {}
    try:
        report.full_clean(exclude=["lineage"], validate_unique=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if report.period_id and report.period.kind != c.PeriodKind.MONTH:
        errors.setdefault("period", []).append(_("Progress is reported for a month."))
    if report.period_id and report.project_id:
        plan = report.project.plan
        if (report.period.organization_id, report.period.fiscal_year) != (
            plan.organization_id,
            plan.fiscal_year,
        ):
            errors.setdefault("period", []).append(
                _("The month is not in the fiscal year of the project's plan.")
            )
    if report.status == c.ProgressStatus.DONE and report.percent != 100:
        errors.setdefault("percent", []).append(
            _("A project done and summarised is 100 percent complete.")
        )
    if not (report.narrative or "").strip() and "period" not in errors:
        reason = narrative_reason(report)
        if reason:
            errors.setdefault("narrative", []).append(reason)
    if errors:
        raise ValidationError(errors)


def narrative_reason(report: ProgressReport) -> str:
    """Why this report needs a narrative ("" when it does not)."""
    if report.status in (c.ProgressStatus.POSTPONED, c.ProgressStatus.CANCELLED):
        return _("Explain in the narrative why the project is %(status)s.") % {
            "status": report.get_status_display().lower()
        }
    if report.period_id and report.project_id:
        planned = planned_percent(report.project, report.period.number)
        if planned is not None and report.percent < planned:
            return _(
                "The project is behind its plan (%(actual)s%% done, %(planned)s%% planned by "
                "the end of this month): explain in the narrative."
            ) % {"actual": report.percent, "planned": planned}
    return ""


def _check_children(report, activities, achievements, risks=()) -> None:
    errors: dict[str, list[str]] = {}
    seen = set()
    for index, (risk, note) in enumerate(risks):
        if len(note or "") > 500:
            errors[f"risks.{index}.note"] = [_("Keep the note under 500 characters.")]
        if risk.project_id != report.project_id and risk.project.lineage != report.lineage:
            errors[f"risks.{index}.risk"] = [_("The risk belongs to another project.")]
        elif risk.pk in seen:
            errors[f"risks.{index}.risk"] = [_("The risk is reported twice.")]
        seen.add(risk.pk)
    for index, (activity, _status, _note) in enumerate(activities):
        if activity.project_id != report.project_id:
            errors[f"activities.{index}.activity"] = [_("The activity belongs to another project.")]
    for index, (output, actual) in enumerate(achievements):
        if output.project_id != report.project_id:
            errors[f"achievements.{index}.output"] = [
                _("The expected result belongs to another project.")
            ]
        if actual is None or Decimal(actual) < 0:
            errors[f"achievements.{index}.actual"] = [_("Give the value achieved (0 or more).")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def report_save(
    *,
    project,
    period: ReportingPeriod,
    by,
    report: ProgressReport | None = None,
    status: str = c.ProgressStatus.NOT_STARTED,
    percent: int = 0,
    narrative: str = "",
    problems: str = "",
    suggestions: str = "",
    activities: list | None = None,
    achievements: list | None = None,
    risks: list | None = None,
) -> ProgressReport:
    """Create or change the report of ``project`` for monthly ``period`` (a draft or a
    returned report). ``activities`` is a list of (Activity, status, note),
    ``achievements`` of (ProjectOutput, actual value) and ``risks`` of (Risk, note) — the
    project's risks that occurred this month; each replaces what was there."""
    _check_open(period)
    if report is None:
        report = (
            ProgressReport.objects.select_for_update()
            .filter(lineage=project.lineage, period=period)
            .first()
        )
    if report is not None and report.state not in EDITABLE:
        raise ValidationError(
            {
                "state": _("The report is %(state)s and can no longer be edited.")
                % {"state": report.get_state_display().lower()}
            }
        )
    report = report or ProgressReport(lineage=project.lineage)
    report.project = project
    report.lineage = project.lineage
    report.period = period
    report.status = status
    report.percent = percent
    report.narrative = narrative or ""
    report.problems = problems or ""
    report.suggestions = suggestions or ""
    _validate(report)
    activities = list(activities or [])
    achievements = list(achievements or [])
    risks = list(risks or [])
    _check_children(report, activities, achievements, risks)
    report._history_user = by
    report.save()
    report.activities.all().delete()
    ActivityProgress.objects.bulk_create(
        ActivityProgress(
            report=report, activity=a, status=s or c.ActivityStatus.NOT_STARTED, note=n or ""
        )
        for a, s, n in activities
    )
    report.achievements.all().delete()
    OutputAchievement.objects.bulk_create(
        OutputAchievement(report=report, output=o, actual=Decimal(v)) for o, v in achievements
    )
    report.risks_triggered.all().delete()
    RiskOccurrence.objects.bulk_create(
        RiskOccurrence(report=report, risk=r, note=n or "") for r, n in risks
    )
    return report


def _set_state(report, by, state, **fields):
    report.state = state
    for name, value in fields.items():
        setattr(report, name, value)
    report._history_user = by
    report.save(update_fields=["state", *fields, "updated_at"])
    return report


def _locked_report(report) -> ProgressReport:
    report = (
        ProgressReport.objects.select_for_update()
        .select_related("period", "project__plan")
        .get(pk=report.pk)
    )
    _check_open(report.period)
    return report


@transaction.atomic
def report_submit(*, report: ProgressReport, by) -> ProgressReport:
    report = _locked_report(report)
    if report.state not in EDITABLE:
        raise ValidationError({"state": _("Only a draft or a returned report can be submitted.")})
    _validate(report)
    return _set_state(
        report, by, c.ReportState.SUBMITTED, submitted_at=timezone.now(), submitted_by=by
    )


def snapshot_data(report: ProgressReport) -> dict:
    """What the report shows, as plain JSON (the figures included)."""
    project = report.project
    planned = planned_percent(project, report.period.number)
    activities = report.activities.select_related("activity")
    achievements = report.achievements.select_related("output")
    risks = report.risks_triggered.select_related("risk")
    return {
        "project": {"id": project.pk, "code": project.code, "name": project.name},
        "period": report.period.code,
        "status": report.status,
        "status_label": str(report.get_status_display()),
        "percent": report.percent,
        "planned_percent": planned,
        "narrative": report.narrative,
        "problems": report.problems,
        "suggestions": report.suggestions,
        "activities": [
            {"activity": a.activity.name, "status": a.status, "note": a.note} for a in activities
        ],
        "outputs": [
            {
                "output": a.output.description,
                "unit": a.output.unit,
                "target": str(a.output.target) if a.output.target is not None else None,
                "actual": str(a.actual),
            }
            for a in achievements
        ],
        "risks_triggered": [
            {
                "risk": r.risk.description,
                "fallback_plan": r.risk.fallback_plan,
                "note": r.note,
            }
            for r in risks
        ],
        "evidence": [
            {"caption": e.caption, "kind": e.kind, "file": e.file.name}
            for e in report.evidence.all()
        ],
        "submitted_at": report.submitted_at.isoformat() if report.submitted_at else None,
    }


@transaction.atomic
def report_acknowledge(*, report: ProgressReport, by) -> ProgressReport:
    """The planner acknowledges a submitted report; what it shows is sealed in a snapshot."""
    report = _locked_report(report)
    if report.state != c.ReportState.SUBMITTED:
        raise ValidationError({"state": _("Only a submitted report can be acknowledged.")})
    report = _set_state(
        report, by, c.ReportState.ACKNOWLEDGED, acknowledged_at=timezone.now(), acknowledged_by=by
    )
    data = snapshot_data(report)
    data["acknowledged_at"] = report.acknowledged_at.isoformat()
    snapshot = ReportSnapshot(report=report, data=data, taken_by=by)
    snapshot._history_user = by
    snapshot.save()
    return report


@transaction.atomic
def report_return(*, report: ProgressReport, by, comment: str) -> ProgressReport:
    """Send a submitted (or acknowledged, while its month is open) report back to its owner."""
    report = _locked_report(report)
    if report.state not in (c.ReportState.SUBMITTED, c.ReportState.ACKNOWLEDGED):
        raise ValidationError({"state": _("Only a submitted report can be returned.")})
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say what the owner should change.")})
    return _set_state(report, by, c.ReportState.RETURNED, return_comment=comment.strip())


@transaction.atomic
def report_meeting_approval(
    *, report: ProgressReport, by, approved_on: dt.date, note: str = ""
) -> ProgressReport:
    """Record that the result summary was approved in a staff meeting."""
    report = _locked_report(report)
    if report.state != c.ReportState.ACKNOWLEDGED:
        raise ValidationError(
            {"meeting_approved_on": _("Acknowledge the report before recording its approval.")}
        )
    if approved_on is None:
        raise ValidationError({"meeting_approved_on": _("Give the meeting's date.")})
    report.meeting_approved_on = approved_on
    report.meeting_note = note or ""
    report._history_user = by
    report.save(update_fields=["meeting_approved_on", "meeting_note", "updated_at"])
    return report


@transaction.atomic
def evidence_add(*, report: ProgressReport, upload, caption: str = "", by) -> Evidence:
    """Add a photo or PDF to a draft (or returned) report. The file is checked and a photo
    re-encoded by :func:`phaen.core.uploads.check_evidence` (upright, at most 2000 px, no
    EXIF/GPS); errors are on ``file`` and name the file. Nothing is stored on error."""
    report = _locked_report(report)
    if report.state not in EDITABLE:
        raise ValidationError({"file": _("Evidence is added while the report is a draft.")})
    checked = check_evidence(upload, field="file")
    evidence = Evidence(report=report, caption=caption or "", kind=checked.kind)
    evidence.full_clean(exclude=["file", "report"])  # the caption, before storing anything
    evidence.file.save(checked.name, checked.file, save=False)
    evidence._history_user = by
    try:
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence, by) -> None:
    report = _locked_report(evidence.report)
    if report.state not in EDITABLE:
        raise ValidationError({"file": _("Evidence is removed while the report is a draft.")})
    evidence._history_user = by
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))  # the file goes once the row has gone


@transaction.atomic
def reports_bulk_submit(*, items: list[dict], by) -> list[ProgressReport]:
    """Save and submit many reports at once, all or nothing. Each item holds the keywords
    of :func:`report_save`. Errors are keyed ``"<index>.<field>"``."""
    errors: dict[str, list[str]] = {}
    reports = []
    for index, item in enumerate(items):
        try:
            with transaction.atomic():
                report = report_save(by=by, **item)
                reports.append(report_submit(report=report, by=by))
        except ValidationError as exc:
            detail = (
                exc.message_dict
                if hasattr(exc, "error_dict")
                else {"non_field_errors": exc.messages}
            )
            for field, messages in detail.items():
                errors[f"{index}.{field}"] = list(messages)
    if errors:
        raise ValidationError(errors)
    return reports
