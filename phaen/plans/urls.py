"""URLs of annual plans. Each views module lists its own routes (``urlpatterns``)."""

from django.urls import path

from phaen.plans.views import plans

app_name = "plans"
urlpatterns = [
    path("", plans.plan_list, name="plan_list"),
    path("<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<int:pk>/check/", plans.plan_check, name="plan_check"),
    path("projects/<int:pk>/", plans.project_detail, name="project_detail"),
]

for module_name in ("projects", "review", "public", "imports"):
    try:
        module = __import__(f"phaen.plans.views.{module_name}", fromlist=["urlpatterns"])
    except ModuleNotFoundError:  # an area not built yet
        continue
    urlpatterns += module.urlpatterns
