"""Pages of the surveys app (app_name "surveys")."""

from django.urls import path  # noqa: F401

app_name = "surveys"
urlpatterns: list = []
