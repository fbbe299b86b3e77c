"""Routes of the organisation endpoints; ``phaen/api/urls.py`` mounts them under /api/v1/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from phaen.organizations.api import views

router = SimpleRouter()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("units", views.UnitViewSet, basename="unit")
router.register("positions", views.PositionViewSet, basename="position")
router.register("people", views.PersonViewSet, basename="person")
router.register("appointments", views.AppointmentViewSet, basename="appointment")
router.register("role-assignments", views.RoleAssignmentViewSet, basename="role-assignment")
router.register("users", views.UserViewSet, basename="user")
router.register("organization-kinds", views.OrganizationKindViewSet, basename="organization-kind")
router.register("provinces", views.ProvinceViewSet, basename="province")

urlpatterns = [path("me/", views.MeView.as_view(), name="me")]
