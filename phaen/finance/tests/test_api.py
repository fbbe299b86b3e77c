"""The finance API: transactions with filters and confirmation, balance, imports in two
calls, S-curve; scoping and errors."""

import base64
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from phaen.finance.models import Transaction
from phaen.finance.tests.conftest import FY, record
from phaen.finance.tests.test_imports import GOOD

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_transactions_create_filter_confirm(world, project):
    finance = api(world.role_users["finance"])
    line = project.budget_lines.order_by("id").first()
    body = {
        "kind": "disbursement",
        "budget_line": line.pk,
        "number": "ฎ1",
        "date": "2026-11-05",
        "amount": "1500.00",
    }
    created = finance.post("/api/v1/finance-transactions/", body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["project"] == project.pk and created.json()["confirmed_at"] is None
    over = finance.post(
        "/api/v1/finance-transactions/", {**body, "number": "ฎ2", "amount": "999999"}, format="json"
    )
    assert over.status_code == 400 and "amount" in over.json()["error"]["fields"]
    record(project, "advance", "ย1", 100)
    listed = finance.get(
        "/api/v1/finance-transactions/", {"project": project.pk, "kind": "advance"}
    ).json()
    numbers = [r["number"] for r in listed.get("results", listed)]
    assert numbers == ["ย1"]
    pk = created.json()["id"]
    viewer = api(world.viewer)
    assert viewer.post(f"/api/v1/finance-transactions/{pk}/confirm/").status_code == 403
    assert (
        viewer.post(
            "/api/v1/finance-transactions/", {**body, "number": "ฎ3"}, format="json"
        ).status_code
        == 403
    )
    confirmed = finance.post(f"/api/v1/finance-transactions/{pk}/confirm/")
    assert confirmed.json()["confirmed_by"] == world.role_users["finance"].pk
    assert api(world.outsider).get(f"/api/v1/finance-transactions/{pk}/").status_code == 404


def test_balance_and_s_curve(world, project):
    record(project, "disbursement", "ฎ1", 1000)
    client = api(world.viewer)
    balance = client.get(f"/api/v1/finance-balances/{project.pk}/").json()
    assert Decimal(balance["total"]["spent"]) == 1000
    assert Decimal(balance["total"]["remaining"]) == 149000
    curve = client.get(f"/api/v1/finance-s-curves/{project.plan_id}/").json()
    assert len(curve["points"]) == 12
    assert Decimal(curve["points"][-1]["cumulative_planned"]) == 150000
    assert api(world.outsider).get(f"/api/v1/finance-balances/{project.pk}/").status_code == 404


def test_import_in_two_calls(world, project):
    client = api(world.role_users["finance"])
    body = {
        "organization": world.own.pk,
        "fiscal_year": FY,
        "file_kind": "vouchers",
        "file_name": "v.csv",
        "content_base64": base64.b64encode(GOOD).decode(),
    }
    preview = client.post("/api/v1/finance-imports/", body, format="json")
    assert preview.status_code == 201, preview.json()
    assert [r["status"] for r in preview.json()["rows"]] == ["new"] * 4
    assert not Transaction.objects.exists()
    done = client.post(f"/api/v1/finance-imports/{preview.json()['id']}/confirm/")
    assert done.json()["created"] == 4 and Transaction.objects.count() == 4
    again = client.post("/api/v1/finance-imports/", body, format="json").json()
    assert [r["status"] for r in again["rows"]] == ["duplicate"] * 4
    bad = client.post(
        "/api/v1/finance-imports/",
        {**body, "content_base64": base64.b64encode("เลขที่ฎีกา\n1\n".encode()).decode()},
        format="json",
    )
    assert bad.status_code == 400 and "file" in bad.json()["error"]["fields"]
