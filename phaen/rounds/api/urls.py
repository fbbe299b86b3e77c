"""Routes of the rounds endpoints; ``phaen/api/urls.py`` mounts them under /api/v1/."""

from rest_framework.routers import SimpleRouter

router = SimpleRouter()
