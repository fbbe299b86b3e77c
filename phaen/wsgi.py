"""WSGI entry point (``gunicorn phaen.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phaen.settings")
application = get_wsgi_application()
