"""Pages of the alerts app (app_name "alerts")."""

from django.urls import path

from phaen.alerts import views

app_name = "alerts"
urlpatterns = [
    path("", views.index, name="index"),
    path("settings/", views.settings_edit, name="settings"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/badge/", views.badge, name="badge"),
    path("notifications/read-all/", views.notification_read_all, name="notifications_read_all"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification_read"),
]
