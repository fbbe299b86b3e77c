"""Routes of the performance endpoints; ``phaen/api/urls.py`` mounts them under /api/v1/."""

from rest_framework.routers import SimpleRouter

from phaen.performance.api import views

router = SimpleRouter()
router.register("indicator-results", views.IndicatorResultViewSet, basename="indicator-result")
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register(
    "agreement-indicators", views.AgreementIndicatorViewSet, basename="agreement-indicator"
)
router.register("assessments", views.AssessmentViewSet, basename="assessment")
router.register("weighted-achievement", views.AchievementViewSet, basename="weighted-achievement")
