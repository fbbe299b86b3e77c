"""Routes of the strategy endpoints; ``phaen/api/urls.py`` mounts them under /api/v1/."""

from rest_framework.routers import SimpleRouter

from phaen.strategy.api import views

router = SimpleRouter()
router.register("strategic-plans", views.StrategicPlanViewSet, basename="strategic-plan")
router.register("plan-missions", views.MissionViewSet, basename="plan-mission")
router.register("plan-goals", views.GoalViewSet, basename="plan-goal")
router.register("plan-issues", views.IssueViewSet, basename="plan-issue")
router.register("strategies", views.StrategyViewSet, basename="strategy")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("plan-projects", views.PlanProjectViewSet, basename="plan-project")
router.register("swot-items", views.SwotItemViewSet, basename="swot-item")
router.register("tows-strategies", views.TowsStrategyViewSet, basename="tows-strategy")
router.register("plan-editions", views.PlanEditionViewSet, basename="plan-edition")
