"""URLs of the year's appropriation (app_name "budget")."""

from django.urls import path

from phaen.budget import views

app_name = "budget"
urlpatterns = [
    path("", views.appropriation_list, name="appropriation_list"),
    path("new/", views.appropriation_create, name="appropriation_create"),
    path("import-template.xlsx", views.import_template, name="import_template"),
    path("<int:pk>/", views.appropriation_detail, name="appropriation_detail"),
    path("<int:pk>/rounds/new/", views.round_create, name="round_create"),
    path("<int:pk>/lines/new/", views.line_edit, name="line_create"),
    path("<int:pk>/lines/import/", views.lines_import, name="lines_import"),
    path("<int:pk>/lines/<int:line_id>/", views.line_edit, name="line_edit"),
    path("<int:pk>/lines/<int:line_id>/delete/", views.line_delete, name="line_delete"),
    path("<int:pk>/lines/<int:line_id>/allocate/", views.line_allocate, name="line_allocate"),
]
