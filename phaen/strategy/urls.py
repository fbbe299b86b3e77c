from django.urls import path

from phaen.strategy.views import editions, imports, parts, plans, swot

app_name = "strategy"
urlpatterns = [
    path("", plans.plan_list, name="plan_list"),
    path("new/", plans.plan_create, name="plan_create"),
    path("template.xlsx", plans.plan_template, name="plan_template"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/map/", plans.plan_map, name="plan_map"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/approve/", plans.plan_approve, name="plan_approve"),
    path("plans/<int:pk>/revise/", plans.plan_revise, name="plan_revise"),
    path("plans/<int:pk>/export.<str:fmt>", plans.plan_export, name="plan_export"),
    path("plans/<int:pk>/alignment/", plans.plan_alignment, name="plan_alignment"),
    path("plans/<int:pk>/history/", plans.plan_history, name="plan_history"),
    path("plans/<int:pk>/section/<str:container>/", parts.plan_section, name="plan_section"),
    path("plans/<int:pk>/<str:kind>/add/", parts.part_edit, name="part_add"),
    path("plans/<int:pk>/<str:kind>/<int:part_id>/edit/", parts.part_edit, name="part_edit"),
    path("plans/<int:pk>/<str:kind>/<int:part_id>/delete/", parts.part_delete, name="part_delete"),
]

urlpatterns += [
    path("import/", imports.plan_import, name="plan_import"),
    path("import/check/", imports.plan_import_check, name="plan_import_check"),
    path("import/save/", imports.plan_import_save, name="plan_import_save"),
    path("swot/", swot.swot, name="swot"),
    path("swot/<str:scope>/add/", swot.swot_item_add, name="swot_item_add"),
    path("swot/items/<int:pk>/edit/", swot.swot_item_edit, name="swot_item_edit"),
    path("swot/items/<int:pk>/delete/", swot.swot_item_delete, name="swot_item_delete"),
    path("swot/items/<int:pk>/move/<str:direction>/", swot.swot_item_move, name="swot_item_move"),
    path("tows/add/", swot.tows_add, name="tows_add"),
    path("tows/<int:pk>/delete/", swot.tows_delete, name="tows_delete"),
    path("plans/<int:pk>/editions/", editions.edition_list, name="edition_list"),
    path(
        "plans/<int:pk>/editions/<int:edition_pk>/", editions.edition_detail, name="edition_detail"
    ),
    path(
        "plans/<int:pk>/editions/<int:edition_pk>/add-project/",
        editions.edition_add_project,
        name="edition_add_project",
    ),
    path(
        "plans/<int:pk>/editions/<int:edition_pk>/remove/<int:project_pk>/",
        editions.edition_remove_project,
        name="edition_remove_project",
    ),
    path(
        "plans/<int:pk>/editions/<int:edition_pk>/record-step/",
        editions.edition_record_step,
        name="edition_record_step",
    ),
    path(
        "plans/<int:pk>/editions/<int:edition_pk>/approve/",
        editions.edition_approve,
        name="edition_approve",
    ),
]
