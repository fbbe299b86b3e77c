"""Reference lists: readable by every logged-in user, changed only in the Django admin."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from phaen.api.testing import bearer_client
from phaen.budget.models import BudgetSource, ExpenseCategory, WorkPlan
from phaen.organizations.models import OrganizationKind, Province
from phaen.strategy.models import Framework, FrameworkItem

LISTS = {
    "organization-kinds": OrganizationKind,
    "provinces": Province,
    "frameworks": Framework,
    "framework-items": FrameworkItem,
    "expense-categories": ExpenseCategory,
    "budget-sources": BudgetSource,
    "work-plans": WorkPlan,
}


@pytest.mark.parametrize("name", LISTS)
def test_it_lists_reference_data_to_any_user_and_takes_no_writes(
    world, name, django_assert_num_queries
):
    model = LISTS[name]
    client = bearer_client(world.outsider)
    with django_assert_num_queries(3):  # token, count, page: no query per row
        response = client.get(f"/api/v1/{name}/", {"page_size": 500})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) == model.objects.count() > 0
    first = model.objects.first()
    assert client.get(f"/api/v1/{name}/{first.pk}/").json()["id"] == first.pk
    assert client.post(f"/api/v1/{name}/", {"code": "x"}, format="json").status_code == 405
    assert client.delete(f"/api/v1/{name}/{first.pk}/").status_code == 405
    assert APIClient().get(f"/api/v1/{name}/").status_code == 401


def test_it_filters_framework_items_by_framework_code(world):
    framework = Framework.objects.filter(items__isnull=False).first()
    rows = (
        bearer_client(world.viewer)
        .get("/api/v1/framework-items/", {"framework": framework.code, "page_size": 500})
        .json()["results"]
    )
    assert len(rows) == framework.items.count()
    assert {row["framework"] for row in rows} == {framework.code}


def test_it_filters_expense_categories_by_scope_and_level(world):
    rows = (
        bearer_client(world.viewer)
        .get("/api/v1/expense-categories/", {"scope": "lao", "level": "type", "page_size": 500})
        .json()["results"]
    )
    expected = ExpenseCategory.objects.filter(scope="lao", level="type").count()
    assert len(rows) == expected > 0
