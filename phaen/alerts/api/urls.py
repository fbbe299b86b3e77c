"""Routes of the alerts endpoints; ``phaen/api/urls.py`` mounts them under /api/v1/."""

from rest_framework.routers import SimpleRouter

from phaen.alerts.api import views

router = SimpleRouter()
router.register("warnings", views.WarningViewSet, basename="warning")
router.register("notifications", views.NotificationViewSet, basename="notification")
