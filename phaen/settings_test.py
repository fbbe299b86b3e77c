"""Settings for the test suite: the real settings with test-only defaults.

``PHAEN_TEST_DATABASE_URL`` (set by ``make test`` for its PostgreSQL pass) selects the
database; otherwise tests run on an in-memory SQLite database.
"""

import os

os.environ["PHAEN_IGNORE_LOCAL_ENV"] = "1"
os.environ.setdefault("PHAEN_DEBUG", "0")
os.environ.setdefault(
    "PHAEN_SECRET_KEY", "test-secret-key-that-is-long-enough-for-checks-0123456789"
)
os.environ.setdefault("PHAEN_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("PHAEN_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("PHAEN_SECURE_COOKIES", "0")
os.environ.setdefault("PHAEN_JOBS_BACKEND", "immediate")
os.environ["PHAEN_DATABASE_URL"] = os.environ.get("PHAEN_TEST_DATABASE_URL", "sqlite://:memory:")

from phaen.settings import *  # noqa: F403
from phaen.settings import INSTALLED_APPS, STORAGES, VAR_DIR

INSTALLED_APPS = [*INSTALLED_APPS, "phaen.core.tests.frozen_app"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = f"{VAR_DIR}/test-media"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT = f"{VAR_DIR}/test-static"
os.makedirs(STATIC_ROOT, exist_ok=True)
