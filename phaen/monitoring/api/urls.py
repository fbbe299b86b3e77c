"""Routes of the monitoring endpoints; ``phaen/api/urls.py`` mounts them under /api/v1/."""

from rest_framework.routers import SimpleRouter

from phaen.monitoring.api import views

router = SimpleRouter()
router.register("reporting-periods", views.ReportingPeriodViewSet, basename="reporting-period")
router.register("progress-reports", views.ProgressReportViewSet, basename="progress-report")
router.register("evidence", views.EvidenceViewSet, basename="evidence")
router.register("report-snapshots", views.ReportSnapshotViewSet, basename="report-snapshot")
router.register("project-checks", views.ProjectCheckViewSet, basename="project-check")
router.register("problems", views.ProblemViewSet, basename="problem")
router.register(
    "coordination-meetings", views.CoordinationMeetingViewSet, basename="coordination-meeting"
)
router.register("report-postings", views.ReportPostingViewSet, basename="report-posting")
