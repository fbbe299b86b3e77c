"""Pages of the rounds app (app_name "rounds")."""

from django.urls import path  # noqa: F401

app_name = "rounds"
urlpatterns: list = []
