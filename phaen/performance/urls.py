"""Pages of the performance app (app_name "performance")."""

from django.urls import path

from phaen.performance import views

app_name = "performance"
urlpatterns = [
    path("", views.index, name="index"),
    path("achievement.json", views.achievement_json, name="achievement_json"),
    path("indicators/<int:pk>/results/<str:code>/", views.result_edit, name="result_edit"),
    path("results/<int:pk>/evidence/", views.result_evidence, name="result_evidence"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_form, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.agreement_form, name="agreement_edit"),
    path("agreements/<int:pk>/indicators/new/", views.indicator_form, name="indicator_add"),
    path(
        "agreements/<int:pk>/indicators/<int:item>/delete/",
        views.indicator_delete,
        name="indicator_delete",
    ),
    path("agreements/<int:pk>/sign/", views.agreement_sign, name="agreement_sign"),
    path("agreements/<int:pk>/publish/", views.agreement_publish, name="agreement_publish"),
    path(
        "agreements/<int:pk>/new-version/",
        views.agreement_new_version,
        name="agreement_new_version",
    ),
    path("agreements/<int:pk>/assess/<str:kind>/", views.assessment_form, name="assessment_form"),
    path(
        "agreements/<int:pk>/sheet/<str:kind>.<str:fmt>",
        views.agreement_sheet,
        name="agreement_sheet",
    ),
    path("public/", views.public_list, name="public_list"),
    path("public/<int:pk>/", views.public_detail, name="public_detail"),
]
