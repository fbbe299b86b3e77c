"""URLs of annual plans. Each views module lists its own routes (``urlpatterns``)."""

from django.urls import path

from phaen.plans.views import (
    announce,
    editions,
    imports,
    meetings,
    plans,
    projects,
    public,
    review,
    schedule,
)

app_name = "plans"
urlpatterns = [
    path("", plans.plan_list, name="plan_list"),
    path("<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<int:pk>/check/", plans.plan_check, name="plan_check"),
]

urlpatterns += projects.urlpatterns + review.urlpatterns + meetings.urlpatterns
urlpatterns += announce.urlpatterns + editions.urlpatterns + schedule.urlpatterns
urlpatterns += public.urlpatterns
urlpatterns += imports.urlpatterns
