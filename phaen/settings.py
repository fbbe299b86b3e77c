"""Phaen settings: one module, driven by ``PHAEN_*`` environment variables.

Every variable is documented in docs/configuration.md. Defaults are secure: debug is off
and a secret key is required unless ``PHAEN_DEBUG`` is on. ``make run`` writes
``var/local.env`` once with a local profile; real environment variables win over it.
"""

from __future__ import annotations

import os

import dj_database_url

from phaen.env import (
    REPO_ROOT,
    ConfigError,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    env_str,
    load_local_env,
)

load_local_env()

BASE_DIR = REPO_ROOT
VAR_DIR = env_str("PHAEN_VAR_DIR", str(REPO_ROOT / "var"))

# "production" (default) or "local" (written by `make run`): the local profile turns on the
# development conveniences below unless a variable says otherwise.
PHAEN_PROFILE = env_choice("PHAEN_PROFILE", ["production", "local"], "production")
DEBUG = env_bool("PHAEN_DEBUG", PHAEN_PROFILE == "local")
SECRET_KEY = env_secret(
    "PHAEN_SECRET_KEY", required=not DEBUG, fallback="insecure-development-key-only-for-debug-mode"
)
ALLOWED_HOSTS = env_list(
    "PHAEN_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("PHAEN_CSRF_TRUSTED_ORIGINS", [])

# PyThaiNLP must never try to download anything at run time.
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # third party
    "django_htmx",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    # Phaen, in dependency order (see docs/decisions/0001-layout.md)
    "phaen.core",
    "phaen.accounts",
    "phaen.organizations",
    "phaen.strategy",
    "phaen.budget",
    "phaen.plans",
    "phaen.finance",
    "phaen.monitoring",
    "phaen.performance",
    "phaen.surveys",
    "phaen.rounds",
    "phaen.alerts",
    "phaen.reports",
    "phaen.api",
    "phaen.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "phaen.web.middleware.WorkContextMiddleware",
]

ROOT_URLCONF = "phaen.urls"
WSGI_APPLICATION = "phaen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "phaen.web.context_processors.work_context",
            ],
            "builtins": ["phaen.core.templatetags.thai"],
        },
    }
]

# --- Database -------------------------------------------------------------------------
_default_db = f"sqlite:///{VAR_DIR}/phaen.sqlite3"
try:
    _db = dj_database_url.parse(env_str("PHAEN_DATABASE_URL", _default_db), conn_max_age=60)
except Exception as exc:  # dj_database_url raises several kinds of errors
    raise ConfigError(f"PHAEN_DATABASE_URL is not a valid database URL: {exc}") from None
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["CONN_MAX_AGE"] = 0
    # IMMEDIATE transactions and a busy timeout let the web process and the job worker
    # share one SQLite file without "database is locked" errors.
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    os.makedirs(VAR_DIR, exist_ok=True)
elif _db["ENGINE"] == "django.db.backends.postgresql":
    _db.setdefault("TEST", {})["NAME"] = env_str("PHAEN_TEST_DATABASE_NAME", "test_phaen")
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [str(REPO_ROOT / "phaen" / "locale")]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env_str("PHAEN_STATIC_ROOT", f"{VAR_DIR}/static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env_str("PHAEN_MEDIA_ROOT", f"{VAR_DIR}/media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = env_bool("PHAEN_SERVE_STATIC_FROM_APPS", DEBUG)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("PHAEN_MAX_UPLOAD_MB", 20) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# --- Mail -------------------------------------------------------------------------------
EMAIL_HOST = env_str("PHAEN_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("PHAEN_EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("PHAEN_EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("PHAEN_EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("PHAEN_EMAIL_USE_TLS", True)
else:
    # No mail server configured: mail is written to files under var/mail.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env_str("PHAEN_EMAIL_FILE_PATH", f"{VAR_DIR}/mail")
DEFAULT_FROM_EMAIL = env_str("PHAEN_DEFAULT_FROM_EMAIL", "phaen@localhost")
# The site's public address, for links in e-mails and webhook posts (relative without it).
PHAEN_SITE_URL = env_str("PHAEN_SITE_URL", "").rstrip("/")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background jobs ----------------------------------------------------------------------
_tasks_backend = env_choice("PHAEN_JOBS_BACKEND", ["database", "immediate"], "database")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if _tasks_backend == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": ["default"],
    }
}

# --- Security (check --deploy clean when debug is off) -------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if env_bool("PHAEN_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("PHAEN_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("PHAEN_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env_int("PHAEN_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("PHAEN_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("PHAEN_HSTS_PRELOAD", True)

# --- API ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "phaen.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "phaen.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "phaen.api.errors.exception_handler",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Phaen API",
    "DESCRIPTION": "Plans, projects and results of public agencies (Phaen / แผน).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Two choice sets share a field name ("scope"): name each enum after its model.
    "ENUM_NAME_OVERRIDES": {
        "SwotScopeEnum": "phaen.strategy.choices.SwotScope",
        "ExpenseCategoryScopeEnum": "phaen.budget.models.CategoryScope",
        "PlanStatusEnum": "phaen.strategy.choices.PlanStatus",
        "ProjectStatusEnum": "phaen.plans.choices.ProjectStatus",
    },
}

# --- Logging ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("PHAEN_LOG_LEVEL", "WARNING")},
}

# --- Phaen ------------------------------------------------------------------------------
PHAEN_SITE_NAME = env_str("PHAEN_SITE_NAME", "Phaen")
PHAEN_FONT_DIR = str(REPO_ROOT / "phaen" / "web" / "static" / "fonts" / "sarabun")
