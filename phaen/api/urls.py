"""The API under /api/v1/: one router collecting every app's endpoints, the OpenAPI
description, its browsable docs, and a JSON 404 for any other path below /api/v1/.

An app adds its endpoints by registering them on a ``SimpleRouter`` in its
``api/urls.py`` and listing that module in ``APP_ROUTES`` below.
"""

from django.urls import include, path, re_path

from phaen.alerts.api import urls as alerts_api
from phaen.api import reference, views
from phaen.api.errors import not_found
from phaen.finance.api import urls as finance_api
from phaen.monitoring.api import urls as monitoring_api
from phaen.organizations.api import urls as organizations_api
from phaen.performance.api import urls as performance_api
from phaen.plans.api import urls as plans_api
from phaen.reports.api import urls as reports_api
from phaen.rounds.api import urls as rounds_api
from phaen.strategy.api import urls as strategy_api
from phaen.surveys.api import urls as surveys_api

app_name = "api"

APP_ROUTES = [
    organizations_api.router,
    reference.router,
    strategy_api.router,
    plans_api.router,
    finance_api.router,
    monitoring_api.router,
    performance_api.router,
    surveys_api.router,
    rounds_api.router,
    alerts_api.router,
]

router = views.Router()
for app_router in APP_ROUTES:
    for prefix, viewset, basename in app_router.registry:
        router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("openapi.json", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.docs, name="docs"),
    path("", include(organizations_api.urlpatterns)),
    path("", include(reports_api.urlpatterns)),
    path("", include(router.urls)),
    re_path(r"^[\s\S]*$", not_found, name="not_found"),  # any character, newlines too
]
