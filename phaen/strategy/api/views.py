"""API endpoints of strategic plans and their parts.

Scoping (404 invisible, 403 not allowed) and history come from ``phaen.api.viewsets``.
Parts of an approved plan are frozen: a write answers 409 ``frozen``. The plan's tree in
the exchange JSON is ``GET strategic-plans/{id}/tree/``; ``POST strategic-plans/import/``
creates a plan from it; ``approve`` and ``revise`` are the workflow actions.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from phaen.api.viewsets import ScopedModelViewSet
from phaen.organizations import access
from phaen.organizations.models import Organization
from phaen.strategy import services
from phaen.strategy.api import filters, serializers
from phaen.strategy.models import (
    FrameworkItem,
    Goal,
    Indicator,
    Issue,
    Mission,
    PlanEdition,
    PlanProject,
    StrategicPlan,
    Strategy,
    SwotItem,
    TowsStrategy,
)
from phaen.strategy.tree import plan_queryset, plan_to_tree

FRAMEWORKS = Prefetch("frameworks", FrameworkItem.objects.select_related("framework"))


class PlanScopedViewSet(ScopedModelViewSet):
    """A model that belongs to a plan: writes need ``edit_plans`` in its organisation."""

    create_capability = "edit_plans"
    plan_path = "plan"

    def target_organization(self, data, instance=None):
        holder = data.get(self.plan_path.split("__")[0]) or getattr(
            instance, self.plan_path.split("__")[0], None
        )
        for part in self.plan_path.split("__")[1:]:
            holder = getattr(holder, part, None)
        if isinstance(holder, Organization):
            return holder
        return getattr(holder, "organization", None)


class StrategicPlanViewSet(PlanScopedViewSet):
    queryset = StrategicPlan.objects.all()
    serializer_class = serializers.StrategicPlanSerializer
    filterset_class = filters.StrategicPlanFilter

    def base_queryset(self):
        return StrategicPlan.objects.all()

    def target_organization(self, data, instance=None):
        return data.get("organization") or getattr(instance, "organization", None)

    @extend_schema(responses={200: OpenApiResponse(description="The plan's exchange JSON")})
    @action(detail=True, methods=["get"])
    def tree(self, request, pk=None):
        plan = self.get_object()
        return Response({**plan_to_tree(plan_queryset().get(pk=plan.pk)), "plan": plan.pk})

    @extend_schema(request=None, responses=serializers.StrategicPlanSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        plan = self.get_object()
        if not access.can(request.user, "approve", plan):
            raise exceptions.PermissionDenied()
        plan = services.plan_approve(plan=plan, by=request.user)
        return Response(self.get_serializer(plan).data)

    @extend_schema(request=None, responses={201: serializers.StrategicPlanSerializer})
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        plan = self.get_object()
        if not access.can(request.user, "add", plan):
            raise exceptions.PermissionDenied()
        revision = services.plan_revise(plan=plan, by=request.user)
        return Response(self.get_serializer(revision).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.PlanTreeSerializer, responses={201: serializers.StrategicPlanSerializer}
    )
    @action(detail=False, methods=["post"], url_path="import")
    def import_tree(self, request):
        payload = serializers.PlanTreeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        org = (
            Organization.objects.for_user(request.user)
            .filter(code=payload.validated_data["organization"])
            .first()
        )
        if org is None:
            raise exceptions.ValidationError({"organization": [_("Unknown organisation.")]})
        self.check_write_in(org)
        try:
            plan = services.plan_from_tree(organization=org, tree=request.data, by=request.user)
        except ValidationError as exc:
            raise exceptions.ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else {"tree": exc.messages}
            ) from None
        return Response(self.get_serializer(plan).data, status=status.HTTP_201_CREATED)


class MissionViewSet(PlanScopedViewSet):
    queryset = Mission.objects.all()
    serializer_class = serializers.MissionSerializer
    filterset_class = filters.MissionFilter


class GoalViewSet(PlanScopedViewSet):
    queryset = Goal.objects.all()
    serializer_class = serializers.GoalSerializer
    filterset_class = filters.GoalFilter


class IssueViewSet(PlanScopedViewSet):
    queryset = Issue.objects.all()
    serializer_class = serializers.IssueSerializer
    filterset_class = filters.IssueFilter

    def base_queryset(self):
        return Issue.objects.prefetch_related(FRAMEWORKS)


class StrategyViewSet(PlanScopedViewSet):
    queryset = Strategy.objects.all()
    serializer_class = serializers.StrategySerializer
    filterset_class = filters.StrategyFilter
    plan_path = "issue__plan"

    def base_queryset(self):
        return Strategy.objects.prefetch_related(FRAMEWORKS)


class IndicatorViewSet(PlanScopedViewSet):
    queryset = Indicator.objects.all()
    serializer_class = serializers.IndicatorSerializer
    filterset_class = filters.IndicatorFilter

    def base_queryset(self):
        return Indicator.objects.prefetch_related(FRAMEWORKS, "targets", "criteria")


class PlanProjectViewSet(PlanScopedViewSet):
    queryset = PlanProject.objects.all()
    serializer_class = serializers.PlanProjectSerializer
    filterset_class = filters.PlanProjectFilter

    def base_queryset(self):
        return PlanProject.objects.select_related("work_plan").prefetch_related(
            FRAMEWORKS, "year_budgets"
        )


class SwotItemViewSet(PlanScopedViewSet):
    queryset = SwotItem.objects.all()
    serializer_class = serializers.SwotItemSerializer
    filterset_class = filters.SwotItemFilter

    def target_organization(self, data, instance=None):
        return data.get("organization") or getattr(instance, "organization", None)


class TowsStrategyViewSet(SwotItemViewSet):
    queryset = TowsStrategy.objects.all()
    serializer_class = serializers.TowsStrategySerializer
    filterset_class = filters.TowsStrategyFilter

    def base_queryset(self):
        return TowsStrategy.objects.prefetch_related("items")


class PlanEditionViewSet(PlanScopedViewSet):
    """Editions of local development plans (read here; made on the pages or by import)."""

    http_method_names = ["get", "head", "options"]
    queryset = PlanEdition.objects.all()
    serializer_class = serializers.PlanEditionSerializer
    filterset_class = filters.PlanEditionFilter

    def base_queryset(self):
        return PlanEdition.objects.prefetch_related("approvals__step")
