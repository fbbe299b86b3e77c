"""API representations of follow-up records. Writes go through the services (the same
rules as the pages); relations accept only objects the requesting user may see."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from phaen.api.serializers import ModelSerializer, ScopedPrimaryKeyRelatedField
from phaen.monitoring import choices as c
from phaen.monitoring import models as m
from phaen.monitoring.api.uploads import EvidenceFileSerializer
from phaen.plans.models import Activity, AnnualPlan, Project, ProjectOutput, Risk

TIMESTAMPS = ["created_at", "updated_at"]


class ReportingPeriodSerializer(ModelSerializer):
    code = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    is_locked = serializers.BooleanField(read_only=True)

    class Meta:
        model = m.ReportingPeriod
        fields = [
            "id",
            "organization",
            "fiscal_year",
            "kind",
            "number",
            "code",
            "label",
            "start",
            "end",
            "due_date",
            "is_locked",
            "locked_at",
            "locked_by",
            "lock_note",
            *TIMESTAMPS,
        ]
        read_only_fields = fields


class PeriodLockSerializer(serializers.Serializer):
    force = serializers.BooleanField(default=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ActivityProgressSerializer(serializers.Serializer):
    activity = ScopedPrimaryKeyRelatedField(queryset=Activity.objects.all())
    status = serializers.ChoiceField(choices=c.ActivityStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class OutputAchievementSerializer(serializers.Serializer):
    output = ScopedPrimaryKeyRelatedField(queryset=ProjectOutput.objects.all())
    actual = serializers.DecimalField(max_digits=16, decimal_places=2, min_value=0)


class RiskOccurrenceSerializer(serializers.Serializer):
    """One of the project's risks that occurred in the month, with what happened."""

    risk = ScopedPrimaryKeyRelatedField(queryset=Risk.objects.all())
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class ProgressReportSerializer(ModelSerializer):
    """A monthly report. ``activities``, ``achievements`` and ``risks_triggered`` are
    replaced as a whole."""

    project = ScopedPrimaryKeyRelatedField(queryset=Project.objects.all())
    period = ScopedPrimaryKeyRelatedField(queryset=m.ReportingPeriod.objects.all())
    period_code = serializers.CharField(source="period.code", read_only=True)
    activities = ActivityProgressSerializer(many=True, required=False)
    achievements = OutputAchievementSerializer(many=True, required=False)
    risks_triggered = RiskOccurrenceSerializer(many=True, required=False)
    evidence = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = m.ProgressReport
        fields = [
            "id",
            "project",
            "lineage",
            "period",
            "period_code",
            "status",
            "percent",
            "narrative",
            "problems",
            "suggestions",
            "activities",
            "achievements",
            "risks_triggered",
            "evidence",
            "state",
            "submitted_at",
            "submitted_by",
            "acknowledged_at",
            "acknowledged_by",
            "return_comment",
            "meeting_approved_on",
            "meeting_note",
            *TIMESTAMPS,
        ]
        read_only_fields = [
            "lineage",
            "state",
            "submitted_at",
            "submitted_by",
            "acknowledged_at",
            "acknowledged_by",
            "return_comment",
            "meeting_approved_on",
            "meeting_note",
            *TIMESTAMPS,
        ]

    def validate(self, attrs):
        return attrs  # the service validates (narrative rule, locked period, children)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["activities"] = [
            {"activity": a.activity_id, "status": a.status, "note": a.note}
            for a in instance.activities.all()
        ]
        data["achievements"] = [
            {"output": a.output_id, "actual": f"{a.actual:.2f}"}
            for a in instance.achievements.all()
        ]
        data["risks_triggered"] = [
            {"risk": r.risk_id, "note": r.note} for r in instance.risks_triggered.all()
        ]
        return data

    def service_fields(self) -> dict:
        data = dict(self.validated_data)
        return {
            "project": data.get("project") or self.instance.project,
            "period": data.get("period") or self.instance.period,
            "status": data.get("status", c.ProgressStatus.NOT_STARTED),
            "percent": data.get("percent", 0),
            "narrative": data.get("narrative", ""),
            "problems": data.get("problems", ""),
            "suggestions": data.get("suggestions", ""),
            "activities": [
                (a["activity"], a["status"], a.get("note", "")) for a in data.get("activities", [])
            ],
            "achievements": [(a["output"], a["actual"]) for a in data.get("achievements", [])],
            "risks": [(r["risk"], r.get("note", "")) for r in data.get("risks_triggered", [])],
        }


class ReportReturnSerializer(serializers.Serializer):
    comment = serializers.CharField()


class MeetingApprovalSerializer(serializers.Serializer):
    approved_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class EvidenceSerializer(ModelSerializer):
    file = serializers.SerializerMethodField(
        help_text="Where to download the file (GET, with the same access as the evidence)."
    )

    name = serializers.SerializerMethodField(help_text="The stored file's name.")

    def get_name(self, evidence) -> str:
        return evidence.file.name.rsplit("/", 1)[-1]

    def get_file(self, evidence) -> str:
        url = reverse("api:evidence-download", args=[evidence.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    class Meta:
        model = m.Evidence
        fields = ["id", "report", "file", "name", "caption", "kind", *TIMESTAMPS]
        read_only_fields = fields


class EvidenceUploadSerializer(EvidenceFileSerializer):
    """A new evidence file of a draft (or returned) report, sent as multipart/form-data."""

    report = ScopedPrimaryKeyRelatedField(queryset=m.ProgressReport.objects.all())
    caption = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class ReportSnapshotSerializer(ModelSerializer):
    data = serializers.DictField(read_only=True)

    class Meta:
        model = m.ReportSnapshot
        fields = ["id", "report", "data", "taken_by", *TIMESTAMPS]
        read_only_fields = fields


class CheckItemSerializer(ModelSerializer):
    class Meta:
        model = m.CheckItem
        fields = ["id", "order", "question", "answer", "comment"]
        read_only_fields = fields


class ProjectCheckSerializer(ModelSerializer):
    project = ScopedPrimaryKeyRelatedField(queryset=Project.objects.all())
    items = CheckItemSerializer(many=True, read_only=True)

    class Meta:
        model = m.ProjectCheck
        fields = [
            "id",
            "project",
            "state",
            "items",
            "officer_comment",
            "checked_by",
            "checked_on",
            "decision_comment",
            "decided_by",
            "decided_on",
            *TIMESTAMPS,
        ]
        read_only_fields = [
            "state",
            "officer_comment",
            "checked_by",
            "checked_on",
            "decision_comment",
            "decided_by",
            "decided_on",
            *TIMESTAMPS,
        ]

    def validate(self, attrs):
        return attrs


class CheckAnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    answer = serializers.BooleanField(allow_null=True)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class CheckRecordSerializer(serializers.Serializer):
    items = CheckAnswerSerializer(many=True)
    officer_comment = serializers.CharField(required=False, allow_blank=True, default="")
    submit = serializers.BooleanField(default=False)


class CheckDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ProblemSerializer(ModelSerializer):
    class Meta:
        model = m.Problem
        fields = [
            "id",
            "plan",
            "project",
            "category",
            "description",
            "found_on",
            "measure",
            "owner_position",
            "owner_person",
            "due",
            "status",
            "published",
            *TIMESTAMPS,
        ]
        read_only_fields = TIMESTAMPS


class MeetingDecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    text = serializers.CharField()
    carry_forward = serializers.BooleanField(default=False)


class CoordinationMeetingSerializer(ModelSerializer):
    decisions = MeetingDecisionSerializer(many=True, required=False)

    class Meta:
        model = m.CoordinationMeeting
        fields = ["id", "plan", "held_on", "title", "attendees", "decisions", *TIMESTAMPS]
        read_only_fields = TIMESTAMPS

    def validate(self, attrs):
        decisions = attrs.pop("decisions", None)
        attrs = super().validate(attrs)
        if decisions is not None:
            attrs["decisions"] = decisions
        return attrs


class BulkProgressResultSerializer(serializers.Serializer):
    submitted = ProgressReportSerializer(many=True)


BULK_NEEDS_LIST = _("Send a list of reports.")


class PostingFindingSerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=["not_posted", "late", "too_short", "after_december"], read_only=True
    )
    field = serializers.CharField(read_only=True)
    message = serializers.CharField(read_only=True)


class ReportPostingSerializer(ModelSerializer):
    """The public posting of a local administration's six-month (R6) or annual (R12)
    monitoring report; ``findings`` says what breaks the posting rule as of today."""

    plan = ScopedPrimaryKeyRelatedField(queryset=AnnualPlan.objects.all())
    period = ScopedPrimaryKeyRelatedField(queryset=m.ReportingPeriod.objects.all())
    period_code = serializers.CharField(source="period.code", read_only=True)
    deadline = serializers.SerializerMethodField()
    findings = serializers.SerializerMethodField()

    class Meta:
        model = m.ReportPosting
        fields = [
            "id",
            "organization",
            "plan",
            "period",
            "period_code",
            "reported_on",
            "posted_from",
            "posted_until",
            "note",
            "deadline",
            "findings",
            "recorded_by",
            *TIMESTAMPS,
        ]
        read_only_fields = ["organization", "recorded_by", *TIMESTAMPS]

    def validate(self, attrs):
        return attrs  # the service validates (round, dates, local administration)

    @extend_schema_field(serializers.DateField())
    def get_deadline(self, obj):
        from phaen.monitoring.posting import posting_deadline

        return posting_deadline(obj).isoformat()

    @extend_schema_field(PostingFindingSerializer(many=True))
    def get_findings(self, obj):
        from phaen.monitoring.posting import posting_findings

        return [
            {"code": f.code, "field": f.field, "message": f.message} for f in posting_findings(obj)
        ]
