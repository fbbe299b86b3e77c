"""API: warnings (computed, read-only) and the caller's notifications (list, mark read)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from phaen.alerts import selectors, services
from phaen.alerts.api import serializers as s
from phaen.alerts.models import Notification
from phaen.api.language import RequestLanguageMixin
from phaen.api.schema import AutoSchema
from phaen.api.viewsets import IdLookupMixin
from phaen.core import thai
from phaen.organizations.models import Organization


class WarningViewSet(RequestLanguageMixin, viewsets.ViewSet):
    """Warnings of an organisation's plan in force, computed now (never stored)."""

    schema = AutoSchema()

    @extend_schema(
        operation_id="warnings_list",
        parameters=[s.WarningQuerySerializer],
        responses=s.WarningSerializer(many=True),
    )
    def list(self, request):
        query = s.WarningQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        organization = (
            Organization.objects.for_user(request.user).filter(pk=data["organization"]).first()
        )
        if organization is None:
            raise exceptions.NotFound()
        fiscal_year = data.get("fiscal_year") or thai.fiscal_year(timezone.localdate())
        found = selectors.warnings(organization, fiscal_year)
        for name, attr in (("kind", "kind"), ("severity", "severity"), ("unit", "unit_id")):
            if data.get(name):
                found = [w for w in found if getattr(w, attr) == data[name]]
        return Response(s.WarningSerializer(found, many=True).data)


class NotificationViewSet(
    IdLookupMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The caller's own notifications, newest first."""

    serializer_class = s.NotificationSerializer
    queryset = Notification.objects.all()

    def get_queryset(self):
        return Notification.objects.for_user(self.request.user).order_by("-created_at", "-id")

    @extend_schema(request=None, responses=s.NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = self.get_object()
        services.notification_mark_read(notification=notification, by=request.user)
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses=s.ReadAllSerializer)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": services.notifications_mark_all_read(by=request.user)})
