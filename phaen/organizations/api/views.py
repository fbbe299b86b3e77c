"""API endpoints of organisations, units, positions, people, appointments, roles and users.

Scoping, 404/403 and history come from ``phaen.api.viewsets``; each viewset here only
says which rows it joins and which organisation a write lands in.
"""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from phaen.accounts.models import User
from phaen.api.views import ApiView
from phaen.api.viewsets import ReferenceViewSet, ScopedModelViewSet
from phaen.organizations import access
from phaen.organizations.api import filters, serializers
from phaen.organizations.models import (
    Appointment,
    Organization,
    OrganizationKind,
    Person,
    Position,
    Province,
    RoleAssignment,
    Unit,
)


class OrganizationKindViewSet(ReferenceViewSet):
    queryset = OrganizationKind.objects.select_related("parent")
    serializer_class = serializers.OrganizationKindSerializer


class ProvinceViewSet(ReferenceViewSet):
    queryset = Province.objects.all()
    serializer_class = serializers.ProvinceSerializer


class OrganizationViewSet(ScopedModelViewSet):
    """Organisations the user may see: where they hold a role, and everything below.

    A new organisation goes under a parent the user manages (only a superuser creates a
    root); moving one (changing ``parent``) needs the same right over the new parent.
    """

    queryset = Organization.objects.all()
    serializer_class = serializers.OrganizationSerializer
    filterset_class = filters.OrganizationFilter

    def base_queryset(self):
        return Organization.objects.select_related("kind", "province")

    def target_organization(self, data, instance=None):
        if "parent" in data:
            return data["parent"]
        return getattr(instance, "parent", None)


class UnitViewSet(ScopedModelViewSet):
    queryset = Unit.objects.all()
    serializer_class = serializers.UnitSerializer
    filterset_class = filters.UnitFilter


class PositionViewSet(ScopedModelViewSet):
    """Positions, each with the people currently appointed to it (``holders``)."""

    queryset = Position.objects.all()
    serializer_class = serializers.PositionSerializer
    filterset_class = filters.PositionFilter

    def base_queryset(self):
        current = Appointment.objects.current().select_related("person").order_by("start_date")
        return Position.objects.prefetch_related(
            Prefetch("appointments", queryset=current, to_attr="current_appointments")
        )


class PersonViewSet(ScopedModelViewSet):
    queryset = Person.objects.all()
    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilter


class AppointmentViewSet(ScopedModelViewSet):
    """Who holds which position from when to when (regular or acting)."""

    queryset = Appointment.objects.all()
    serializer_class = serializers.AppointmentSerializer
    filterset_class = filters.AppointmentFilter

    def target_organization(self, data, instance=None):
        position = data.get("position") or getattr(instance, "position", None)
        return position.organization if position is not None else None


class RoleAssignmentViewSet(ScopedModelViewSet):
    queryset = RoleAssignment.objects.all()
    serializer_class = serializers.RoleAssignmentSerializer
    filterset_class = filters.RoleAssignmentFilter


class UserViewSet(ScopedModelViewSet):
    """Logins. Organisation admins create and change the logins of their organisation's
    people; a login without a person is a superuser's business. Users are deactivated
    (``is_active: false``), never deleted, so their history keeps its author. Passwords
    are neither shown nor set here."""

    queryset = User.objects.all()
    serializer_class = serializers.UserSerializer
    filterset_class = filters.UserFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def base_queryset(self):
        return User.objects.select_related("person")

    def target_organization(self, data, instance=None):
        person = data["person"] if "person" in data else getattr(instance, "person", None)
        return person.organization if person is not None else None

    def may(self, action, obj) -> bool:
        # The access policy lets users change their own record (profile pages); here
        # only those who manage the person's organisation may, and nobody but a
        # superuser touches a superuser or staff login.
        user = self.request.user
        if user.is_superuser:
            return True
        if obj.is_superuser or obj.is_staff:
            return False
        return self.may_write_in(self.target_organization({}, obj))


class MeView(ApiView):
    """The caller: login, person and roles per organisation (as the access policy sees them)."""

    @extend_schema(responses=serializers.MeSerializer, operation_id="me_retrieve", tags=["me"])
    def get(self, request):
        user = request.user
        context = access.user_context(user)
        orgs = Organization.objects.filter(pk__in=context.roles_by_org).order_by("path")
        person = Person.objects.filter(pk=context.person_id).first() if context.person_id else None
        data = {
            "id": user.pk,
            "username": user.get_username(),
            "display_name": person.full_name if person else (user.get_full_name() or user.username),
            "is_superuser": user.is_superuser,
            "person": (
                {
                    "id": person.pk,
                    "full_name": person.full_name,
                    "organization": person.organization_id,
                }
                if person
                else None
            ),
            "roles": [
                {
                    "organization": org.pk,
                    "code": org.code,
                    "name": org.name,
                    "roles": sorted(context.roles_by_org[org.pk]),
                }
                for org in orgs
            ],
        }
        return Response(serializers.MeSerializer(data).data)
