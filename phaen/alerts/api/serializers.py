from rest_framework import serializers

from phaen.alerts.choices import Severity, WarningKind
from phaen.alerts.models import Notification


class WarningSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=WarningKind.choices)
    kind_label = serializers.CharField()
    severity = serializers.ChoiceField(choices=Severity.choices)
    subject = serializers.CharField()
    message = serializers.CharField()
    due_date = serializers.DateField(allow_null=True)
    url = serializers.CharField(help_text="Page where the item is fixed")
    key = serializers.CharField(help_text="Stable identity of the item")
    unit = serializers.IntegerField(source="unit_id", allow_null=True)
    unit_name = serializers.CharField()
    project = serializers.IntegerField(source="project_id", allow_null=True)


class WarningQuerySerializer(serializers.Serializer):
    organization = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    fiscal_year = serializers.IntegerField(min_value=2400, max_value=2800, required=False)
    kind = serializers.ChoiceField(choices=WarningKind.choices, required=False)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    unit = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "subject",
            "message",
            "url",
            "organization",
            "created_at",
            "read_at",
            "is_read",
        ]
        read_only_fields = fields


class ReadAllSerializer(serializers.Serializer):
    marked = serializers.IntegerField()
