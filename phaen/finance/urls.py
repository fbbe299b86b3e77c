"""Pages of the finance app (app_name "finance")."""

from django.urls import path  # noqa: F401

app_name = "finance"
urlpatterns: list = []
