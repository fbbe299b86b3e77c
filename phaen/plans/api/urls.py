"""Routes of the annual-plan endpoints; ``phaen/api/urls.py`` mounts them under /api/v1/."""

from rest_framework.routers import SimpleRouter

from phaen.plans.api import views

router = SimpleRouter()
router.register("annual-plans", views.AnnualPlanViewSet, basename="annual-plan")
router.register("projects", views.ProjectViewSet, basename="project")
router.register("project-outputs", views.ProjectOutputViewSet, basename="project-output")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("risks", views.RiskViewSet, basename="risk")
router.register("budget-lines", views.BudgetLineViewSet, basename="budget-line")
router.register("appropriations", views.AppropriationViewSet, basename="appropriation")
router.register("allocation-rounds", views.AllocationRoundViewSet, basename="allocation-round")
router.register(
    "appropriation-lines", views.AppropriationLineViewSet, basename="appropriation-line"
)
