from django.urls import path

from phaen.web import dashboard, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("switch/organization/", views.switch_organization, name="switch_organization"),
    path("switch/fiscal-year/", views.switch_fiscal_year, name="switch_fiscal_year"),
]
