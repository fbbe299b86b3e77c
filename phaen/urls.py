"""Root URL configuration: pages are translated by the session's language, not the path."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("phaen.api.urls")),
    path("accounts/", include("phaen.accounts.urls")),
    path("organizations/", include("phaen.organizations.urls")),
    path("reports/", include("phaen.reports.urls")),
    path("strategy/", include("phaen.strategy.urls")),
    path("plans/", include("phaen.plans.urls")),
    path("budget/", include("phaen.budget.urls")),
    path("finance/", include("phaen.finance.urls")),
    path("monitoring/", include("phaen.monitoring.urls")),
    path("performance/", include("phaen.performance.urls")),
    path("surveys/", include("phaen.surveys.urls")),
    path("rounds/", include("phaen.rounds.urls")),
    path("alerts/", include("phaen.alerts.urls")),
    path("", include("phaen.web.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
