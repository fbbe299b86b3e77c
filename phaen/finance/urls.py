"""Pages of the finance app (app_name "finance")."""

from django.urls import path

from phaen.finance import views

app_name = "finance"
urlpatterns = [
    path("", views.index, name="index"),
    path("transactions/new/", views.transaction_form, name="transaction_create"),
    path("transactions/<int:pk>/", views.transaction_form, name="transaction_edit"),
    path("transactions/<int:pk>/confirm/", views.transaction_confirm, name="transaction_confirm"),
    path("balances/", views.balances, name="balances"),
    path("projects/<int:pk>/balance/", views.project_balance, name="project_balance"),
    path("plans/<int:pk>/s-curve/", views.plan_s_curve, name="s_curve"),
    path("imports/", views.import_upload, name="import_upload"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("mappings/<slug:kind>/", views.mapping, name="mapping"),
    path("reconciliation/", views.reconciliation, name="reconciliation"),
    path("reconciliation/rows/<int:pk>/", views.row_resolve, name="row_resolve"),
    path("transfers/", views.transfers, name="transfers"),
    path("transfers/<int:pk>/decide/", views.transfer_decide, name="transfer_decide"),
    path("carry-over/", views.carry_overs, name="carry_overs"),
]
