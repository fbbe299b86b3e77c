"""Pages of the monitoring app (app_name "monitoring")."""

from django.urls import path  # noqa: F401

app_name = "monitoring"
urlpatterns: list = []
