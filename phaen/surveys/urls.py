"""Pages of the surveys app (app_name "surveys")."""

from django.urls import path

from phaen.surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="survey_list"),
    path("new/", views.survey_create, name="survey_create"),
    path("<int:pk>/", views.survey_detail, name="survey_detail"),
    path("<int:pk>/edit/", views.survey_edit, name="survey_edit"),
    path("<int:pk>/defaults/", views.survey_defaults, name="survey_defaults"),
    path("<int:pk>/state/", views.survey_state, name="survey_state"),
    path("<int:pk>/results/", views.survey_results, name="survey_results"),
    path("<int:pk>/sheet/", views.survey_sheet, name="survey_sheet"),
    path("<int:pk>/sheet.pdf", views.survey_sheet_pdf, name="survey_sheet_pdf"),
    # public, no account
    path("r/<str:token>/", views.respond, name="respond"),
    path("r/<str:token>/thanks/", views.thanks, name="thanks"),
]
