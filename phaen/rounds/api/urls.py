"""Routes of the rounds endpoints; ``phaen/api/urls.py`` mounts them under /api/v1/."""

from rest_framework.routers import SimpleRouter

from phaen.rounds.api import views

router = SimpleRouter()
router.register("reporting-rounds", views.ReportingRoundViewSet, basename="reporting-round")
router.register("round-submissions", views.RoundSubmissionViewSet, basename="round-submission")
