"""The finance pages: index with filters, recording, balance, S-curve, import journey,
reconciliation, transfers, carry-over; who may write."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from phaen.finance.models import CarryOver, ImportBatch, Transaction, Transfer
from phaen.finance.tests.conftest import FY, add_project, record
from phaen.finance.tests.test_imports import GOOD, csv_bytes

pytestmark = pytest.mark.django_db
D = Decimal


def login(client, user, org, year=FY):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    session = client.session
    session["phaen_org_id"] = org.pk
    session["phaen_fiscal_year"] = year
    session.save()
    return client


def table(response):
    return response.content.decode().split('data-testid="transaction-table"')[1]


def test_index_lists_and_filters(client, world, project, plan):
    other = add_project(plan, "อื่น", [(5000, [1], "C2.1")])
    record(project, "disbursement", "ฎ1", 100)
    record(other, "advance", "ย1", 50)
    login(client, world.viewer, world.own)
    page = client.get(reverse("finance:index"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "ฎ1" in html and "ย1" in html
    assert "transaction_create" not in html and reverse("finance:transaction_create") not in html
    page = table(client.get(reverse("finance:index"), {"kind": "advance"}))
    assert "ย1" in page and "ฎ1" not in page
    page = table(
        client.get(reverse("finance:index"), {"project": project.pk, "date_from": "1/10/2569"})
    )
    assert "ฎ1" in page and "ย1" not in page


def test_record_and_confirm(client, world, project):
    finance = world.role_users["finance"]
    login(client, finance, world.own)
    line = project.budget_lines.order_by("id").first()
    response = client.post(
        reverse("finance:transaction_create"),
        {
            "kind": "disbursement",
            "budget_line": line.pk,
            "number": "ฎ.10",
            "date": "5/11/2569",
            "amount": "2500",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    t = Transaction.objects.get(number="ฎ.10")
    assert t.date == dt.date(2026, 11, 5) and t.confirmed_at is None
    client.post(
        reverse("finance:transaction_confirm", args=[t.pk]), {"next": "https://evil.example/"}
    )
    t.refresh_from_db()
    assert t.confirmed_by == finance
    over = client.post(
        reverse("finance:transaction_create"),
        {
            "kind": "disbursement",
            "budget_line": line.pk,
            "number": "ฎ.11",
            "date": "5/11/2569",
            "amount": "100000",
        },
    )
    assert over.status_code == 200
    assert "97,500.00" in over.content.decode()


def test_viewer_cannot_write(client, world, project):
    login(client, world.viewer, world.own)
    assert client.get(reverse("finance:transaction_create")).status_code == 403
    assert client.get(reverse("finance:import_upload")).status_code == 403
    t = record(project, "disbursement", "ฎ1", 100)
    assert client.post(reverse("finance:transaction_confirm", args=[t.pk])).status_code == 403


def test_outsider_gets_404(client, world, project):
    t = record(project, "disbursement", "ฎ1", 100)
    login(client, world.outsider, world.other)
    assert client.get(reverse("finance:project_balance", args=[project.pk])).status_code == 404
    assert client.get(reverse("finance:transaction_edit", args=[t.pk])).status_code == 404
    assert client.get(reverse("finance:s_curve", args=[project.plan_id])).status_code == 404


def test_balance_and_s_curve_pages(client, world, project, django_assert_max_num_queries):
    record(project, "disbursement", "ฎ1", 1000)
    login(client, world.viewer, world.own)
    page = client.get(reverse("finance:project_balance", args=[project.pk]))
    assert "99,000.00" in page.content.decode()
    page = client.get(reverse("finance:s_curve", args=[project.plan_id]))
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "150,000.00" in html
    assert client.get(reverse("finance:balances")).status_code == 200


def test_import_journey_and_reconciliation(client, world, project):
    mine = record(project, "disbursement", "ฎ.1/70", 4800)
    login(client, world.role_users["finance"], world.own)
    response = client.post(
        reverse("finance:import_upload"),
        {
            "kind": "vouchers",
            "file": SimpleUploadedFile("vouchers.csv", GOOD, content_type="text/csv"),
        },
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "finance:import_detail", args=[batch.pk]
    )
    assert not Transaction.objects.filter(batch=batch).exists()  # preview only
    assert "4,800.00" in client.get(response.url).content.decode()
    client.post(reverse("finance:import_confirm", args=[batch.pk]))
    assert Transaction.objects.filter(batch=batch).count() == 3
    page = client.get(reverse("finance:reconciliation")).content.decode()
    assert "ฎ.1/70" in page
    row = batch.rows.get(status="difference")
    client.post(reverse("finance:row_resolve", args=[row.pk]), {"action": "accept"})
    mine.refresh_from_db()
    assert mine.amount == D(4850) and mine.confirmed_at


def test_bad_file_names_rows(client, world, project):
    login(client, world.role_users["finance"], world.own)
    bad = csv_bytes("ฎ.1/70,5/13/2569,P-001,x,10")
    page = client.post(
        reverse("finance:import_upload"),
        {"kind": "vouchers", "file": SimpleUploadedFile("v.csv", bad, content_type="text/csv")},
    )
    html = page.content.decode()
    assert page.status_code == 200 and "5/13/2569" in html and "วันที่วางฎีกา" in html
    assert not ImportBatch.objects.exists()


def test_transfer_and_carry_over(client, world, project, plan):
    target = add_project(plan, "รับโอน", [(1000, [1], "C2.1")])
    login(client, world.role_users["finance"], world.own)
    response = client.post(
        reverse("finance:transfers"),
        {
            "from_line": project.budget_lines.order_by("id").first().pk,
            "to_line": target.budget_lines.get().pk,
            "amount": "500",
            "change": "amount",
            "reason": "เพิ่มค่าวัสดุ",
        },
    )
    assert response.status_code == 302
    transfer = Transfer.objects.get()
    assert transfer.approver == "executive" and transfer.state == "draft"
    assert (
        client.post(
            reverse("finance:transfer_decide", args=[transfer.pk]), {"approve": "yes"}
        ).status_code
        == 403
    )
    login(client, world.role_users["executive"], world.own)
    client.post(reverse("finance:transfer_decide", args=[transfer.pk]), {"approve": "yes"})
    transfer.refresh_from_db()
    assert transfer.state == "approved"
    from phaen.finance import selectors

    assert selectors.project_balance(target).total.remaining == D(1500)
    login(client, world.role_users["finance"], world.own)
    response = client.post(
        reverse("finance:carry_overs"),
        {
            "budget_line": target.budget_lines.get().pk,
            "reference": "C7000001",
            "amount": "300",
            "approved_on": "30/9/2569",
            "spend_by": "31/3/2570",
            "spent": "0",
        },
    )
    assert response.status_code == 302
    assert CarryOver.objects.get().spend_by == dt.date(2027, 3, 31)
    assert "C7000001" in client.get(reverse("finance:carry_overs")).content.decode()


def test_pages_use_the_same_number_of_queries_for_small_and_large(client, world, plan, project):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, world.role_users["finance"], world.own)
    urls = [
        reverse("finance:index"),
        reverse("finance:balances"),
        reverse("finance:s_curve", args=[plan.pk]),
        reverse("finance:project_balance", args=[project.pk]),
        reverse("finance:reconciliation"),
    ]

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            result.append(len(ctx))
        return result

    record(project, "disbursement", "ฎ0", 10)
    small = counts()
    for i in range(6):
        other = add_project(plan, f"โครงการ {i}", [(10000, [1, 2], "C2.1"), (500, [2], "C3.1")])
        record(other, "disbursement", f"ฎ{i + 1}", 100)
        record(other, "advance", f"ย{i + 1}", 100)
    for i in range(4):
        record(project, "disbursement", f"ฎ-{i}", 10)
    assert counts() == small
