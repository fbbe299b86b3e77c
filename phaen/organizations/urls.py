from django.urls import path

from phaen.organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/units/add/", views.unit_create, name="unit_create"),
    path("<int:pk>/positions/add/", views.position_create, name="position_create"),
    path("<int:pk>/people/add/", views.person_create, name="person_create"),
    path("<int:pk>/roles/add/", views.role_create, name="role_create"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("positions/<int:pk>/", views.position_detail, name="position_detail"),
    path("positions/<int:pk>/edit/", views.position_edit, name="position_edit"),
    path("positions/<int:pk>/appoint/", views.appointment_create, name="appointment_create"),
    path("appointments/<int:pk>/end/", views.appointment_end, name="appointment_end"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("roles/<int:pk>/delete/", views.role_delete, name="role_delete"),
]
