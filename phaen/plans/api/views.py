"""API endpoints of annual plans, projects, activities, risks, budget lines and
appropriations; workflow actions and the alignment check. Scoping (404/403) and history
come from ``phaen.api.viewsets``; frozen plans answer 409."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from phaen.api.filters import IdFilter
from phaen.api.viewsets import ScopedModelViewSet
from phaen.budget.models import AllocationRound, Appropriation, AppropriationLine
from phaen.plans import workflow
from phaen.plans.api import serializers as s
from phaen.plans.checks import alignment_check
from phaen.plans.models import Activity, AnnualPlan, BudgetLine, Project, ProjectOutput, Risk


def _filter(model, **fields):
    attrs = dict(fields)
    attrs["Meta"] = type("Meta", (), {"model": model, "fields": []})
    return type(f"{model.__name__}ApiFilter", (django_filters.FilterSet,), attrs)


class OrgScoped(ScopedModelViewSet):
    create_capability = "edit_plans"
    #: lookup from a payload/instance to the organisation ("plan", "project__plan" …)
    owner_path = ""

    def target_organization(self, data, instance=None):
        parts = self.owner_path.split("__") if self.owner_path else []
        head = parts[0] if parts else "organization"
        holder = data.get(head) if head in data else getattr(instance, head, None)
        for part in parts[1:]:
            holder = getattr(holder, part, None)
        return holder if not parts else getattr(holder, "organization", None)


class AnnualPlanViewSet(OrgScoped):
    queryset = AnnualPlan.objects.all()
    serializer_class = s.AnnualPlanSerializer
    filterset_class = _filter(
        AnnualPlan,
        organization=IdFilter(field_name="organization"),
        fiscal_year=IdFilter(field_name="fiscal_year"),
        kind=django_filters.CharFilter(),
        state=django_filters.CharFilter(),
    )

    def _act(self, request, move, arguments):
        """Run a workflow move; ``arguments`` turns the validated body into its keywords."""
        plan = self.get_object()
        comment = s.CommentSerializer(data=request.data or {})
        comment.is_valid(raise_exception=True)
        plan = move(plan=plan, by=request.user, **arguments(comment.validated_data))
        return Response(self.get_serializer(plan).data)

    @extend_schema(request=s.CommentSerializer, responses=s.AnnualPlanSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(request, workflow.plan_submit, lambda d: {"comment": d["comment"]})

    @extend_schema(request=s.CommentSerializer, responses=s.AnnualPlanSerializer)
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        return self._act(request, workflow.plan_advance, lambda d: {"comment": d["comment"]})

    @extend_schema(request=s.CommentSerializer, responses=s.AnnualPlanSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request, pk=None):
        return self._act(request, workflow.plan_return, lambda d: {"comment": d["comment"]})

    @extend_schema(request=s.CommentSerializer, responses=s.AnnualPlanSerializer)
    @action(detail=True, methods=["post"])
    def announce(self, request, pk=None):
        return self._act(request, workflow.plan_announce, lambda d: {})

    @extend_schema(request=None, responses=s.CheckSerializer)
    @action(detail=True, methods=["get"])
    def check(self, request, pk=None):
        plan = self.get_object()
        result = alignment_check(plan)
        findings = [
            {**f.__dict__, "overridden": f.code in result.overridden} for f in result.findings
        ]
        return Response({"may_submit": result.may_submit, "findings": findings})


class ProjectViewSet(OrgScoped):
    queryset = Project.objects.all()
    serializer_class = s.ProjectSerializer
    owner_path = "plan"
    filterset_class = _filter(
        Project,
        plan=IdFilter(field_name="plan"),
        issue=IdFilter(field_name="issue"),
        status=django_filters.CharFilter(),
    )

    def base_queryset(self):
        return Project.objects.prefetch_related(
            "budget_lines", "indicators", "frameworks", "co_host_units", "supporter_units"
        )


class PartViewSet(OrgScoped):
    """Outputs, activities, risks and budget lines: planners, and a project's owner."""

    owner_path = "project__plan"

    def may_write_in(self, organization) -> bool:
        if self.access_action == "add" and "project" in self.request.data:
            from phaen.organizations import access

            project = Project.objects.filter(pk=self.request.data.get("project")).first()
            if project is not None and access.can(self.request.user, "change", project):
                return True
        return super().may_write_in(organization)


class ProjectOutputViewSet(PartViewSet):
    queryset = ProjectOutput.objects.all()
    serializer_class = s.ProjectOutputSerializer
    filterset_class = _filter(ProjectOutput, project=IdFilter(field_name="project"))


class ActivityViewSet(PartViewSet):
    queryset = Activity.objects.all()
    serializer_class = s.ActivitySerializer
    filterset_class = _filter(Activity, project=IdFilter(field_name="project"))


class RiskViewSet(PartViewSet):
    queryset = Risk.objects.all()
    serializer_class = s.RiskSerializer
    filterset_class = _filter(Risk, project=IdFilter(field_name="project"))


class BudgetLineViewSet(PartViewSet):
    queryset = BudgetLine.objects.all()
    serializer_class = s.BudgetLineSerializer
    filterset_class = _filter(
        BudgetLine,
        project=IdFilter(field_name="project"),
        plan=IdFilter(field_name="project__plan"),
    )


class AppropriationViewSet(OrgScoped):
    queryset = Appropriation.objects.all()
    serializer_class = s.AppropriationSerializer
    create_capability = "edit_plans"
    filterset_class = _filter(
        Appropriation,
        organization=IdFilter(field_name="organization"),
        fiscal_year=IdFilter(field_name="fiscal_year"),
    )

    def may_write_in(self, organization) -> bool:
        """Planners and finance officers keep the appropriation; a parent's planners may
        allocate to the organisations below them."""
        from phaen.organizations import access

        user = self.request.user
        if user.is_superuser:
            return True
        if organization is None:
            return False
        if access.can_in_org(user, "edit_plans", organization) or access.can_in_org(
            user, "record_finance", organization
        ):
            return True
        return any(access.can_in_org(user, "edit_plans", a) for a in organization.ancestors())


class AllocationRoundViewSet(AppropriationViewSet):
    queryset = AllocationRound.objects.all()
    serializer_class = s.AllocationRoundSerializer
    owner_path = "appropriation"
    filterset_class = _filter(AllocationRound, appropriation=IdFilter(field_name="appropriation"))


class AppropriationLineViewSet(AppropriationViewSet):
    queryset = AppropriationLine.objects.all()
    serializer_class = s.AppropriationLineSerializer
    owner_path = "appropriation"
    filterset_class = _filter(AppropriationLine, appropriation=IdFilter(field_name="appropriation"))
