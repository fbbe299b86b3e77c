"""API representations of finance records, balances, imports and the S-curve."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from phaen.api.serializers import ModelSerializer
from phaen.finance import choices as c
from phaen.finance import services
from phaen.finance.models import CarryOver, ImportBatch, ImportRow, Transaction, Transfer

TIMESTAMPS = ["created_at", "updated_at"]


def _choice_field(choices_class):
    """A choice field whose enum is inlined in the schema (several apps name a field
    "kind"; inlining avoids enum-name collisions without touching the settings)."""

    @extend_schema_field({"type": "string", "enum": list(choices_class.values)})
    class Field(serializers.ChoiceField):
        pass

    Field.__name__ = f"{choices_class.__name__}Field"
    return Field


TransactionKindField = _choice_field(c.TransactionKind)
ImportKindField = _choice_field(c.ImportKind)
MONEY = {"max_digits": 16, "decimal_places": 2}


class TransactionSerializer(ModelSerializer):
    kind = TransactionKindField(choices=c.TransactionKind.choices)

    class Meta:
        model = Transaction
        fields = [
            "id",
            "organization",
            "fiscal_year",
            "project",
            "budget_line",
            "activity",
            "kind",
            "number",
            "date",
            "amount",
            "description",
            "payee",
            "document_ref",
            "procurement_method",
            "clear_by",
            "related",
            "source",
            "batch",
            "confirmed_by",
            "confirmed_at",
            *TIMESTAMPS,
        ]
        read_only_fields = [
            "organization",
            "fiscal_year",
            "project",
            "source",
            "batch",
            "confirmed_by",
            "confirmed_at",
            *TIMESTAMPS,
        ]

    def create(self, validated_data):
        line = validated_data["budget_line"]
        return services.transaction_save(by=self._user(), project=line.project, **validated_data)

    def update(self, instance, validated_data):
        if "budget_line" in validated_data:
            validated_data["project"] = validated_data["budget_line"].project
        return services.transaction_save(record=instance, by=self._user(), **validated_data)


class TransferSerializer(ModelSerializer):
    class Meta:
        model = Transfer
        fields = [
            "id",
            "organization",
            "fiscal_year",
            "from_line",
            "to_line",
            "amount",
            "change",
            "reason",
            "state",
            "approver",
            "rule_source",
            "council_resolution",
            "decided_by",
            "decided_on",
            "decision_note",
            *TIMESTAMPS,
        ]
        read_only_fields = [
            "organization",
            "fiscal_year",
            "state",
            "approver",
            "rule_source",
            "council_resolution",
            "decided_by",
            "decided_on",
            "decision_note",
            *TIMESTAMPS,
        ]

    def create(self, validated_data):
        return services.transfer_create(by=self._user(), **validated_data)

    def update(self, instance, validated_data):
        if instance.state != c.TransferState.DRAFT:
            raise serializers.ValidationError(_("A decided transfer cannot be changed."))
        return super().update(instance, validated_data)


class TransferDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    council_resolution = serializers.CharField(
        required=False, allow_blank=True, max_length=255, default=""
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CarryOverSerializer(ModelSerializer):
    remaining = serializers.DecimalField(read_only=True, **MONEY)

    class Meta:
        model = CarryOver
        fields = [
            "id",
            "organization",
            "budget_line",
            "reference",
            "amount",
            "approved_on",
            "spend_by",
            "extended_to",
            "spent",
            "remaining",
            "note",
            *TIMESTAMPS,
        ]
        read_only_fields = ["organization", *TIMESTAMPS]

    def create(self, validated_data):
        return services.carry_over_save(by=self._user(), **validated_data)

    def update(self, instance, validated_data):
        return services.carry_over_save(record=instance, by=self._user(), **validated_data)


class BalanceFiguresSerializer(serializers.Serializer):
    allocated = serializers.DecimalField(**MONEY)
    transfers_in = serializers.DecimalField(**MONEY)
    transfers_out = serializers.DecimalField(**MONEY)
    committed = serializers.DecimalField(**MONEY)
    advanced = serializers.DecimalField(**MONEY)
    spent = serializers.DecimalField(**MONEY)
    remaining = serializers.DecimalField(**MONEY)


class LineBalanceSerializer(serializers.Serializer):
    budget_line = serializers.IntegerField(allow_null=True, source="line.pk", default=None)
    balance = BalanceFiguresSerializer()


class ProjectBalanceSerializer(serializers.Serializer):
    project = serializers.IntegerField(source="project.pk")
    lines = LineBalanceSerializer(many=True)
    total = BalanceFiguresSerializer()


class ImportRowSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImportRow
        fields = [
            "id",
            "row_number",
            "data",
            "status",
            "message",
            "amount",
            "our_amount",
            "transaction",
            "budget_line",
            "resolved_by",
            "resolved_at",
            "resolution",
        ]
        read_only_fields = fields


class ImportBatchSerializer(serializers.ModelSerializer):
    rows = ImportRowSerializer(many=True, read_only=True)
    file_kind = ImportKindField(choices=c.ImportKind.choices, read_only=True, source="kind")

    class Meta:
        model = ImportBatch
        fields = [
            "id",
            "organization",
            "fiscal_year",
            "file_kind",
            "file_name",
            "file_hash",
            "state",
            "uploaded_by",
            "confirmed_by",
            "confirmed_at",
            "rows",
            *TIMESTAMPS,
        ]
        read_only_fields = fields


class ImportUploadSerializer(serializers.Serializer):
    organization = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    fiscal_year = serializers.IntegerField(min_value=2400, max_value=2700)
    file_kind = ImportKindField(choices=c.ImportKind.choices)
    file_name = serializers.CharField(max_length=255, help_text=_("Ends with .csv or .xlsx"))
    content_base64 = serializers.CharField(help_text=_("The file's bytes, base64-encoded"))


class ConfirmResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    batch = ImportBatchSerializer()


class LinkSerializer(serializers.Serializer):
    transaction = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class CurvePointSerializer(serializers.Serializer):
    month = serializers.IntegerField()
    year = serializers.IntegerField()
    calendar_month = serializers.IntegerField()
    planned = serializers.DecimalField(**MONEY)
    actual = serializers.DecimalField(**MONEY)
    cumulative_planned = serializers.DecimalField(**MONEY)
    cumulative_actual = serializers.DecimalField(**MONEY)


class SCurveSerializer(serializers.Serializer):
    plan = serializers.IntegerField()
    fiscal_year = serializers.IntegerField()
    points = CurvePointSerializer(many=True)
