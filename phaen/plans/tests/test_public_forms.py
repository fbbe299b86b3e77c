"""The forms of an announced plan on its public page: PDF and Excel for anyone, built by the
reports layer for that announced edition only; never a draft (nor a plan in review or only
approved); a fixed number of queries whatever the plan's size."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from phaen.plans import services
from phaen.plans.models import AnnualPlan
from phaen.plans.tests.conftest import add_project
from phaen.reports.builders.annual_plan_data import PUBLIC, build_pd02
from phaen.reports.registry import ReportError
from phaen.reports.tests.test_local_plan_forms import pdf_words

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def announce(plan):
    AnnualPlan.objects.filter(pk=plan.pk).update(
        state="announced", announced_on=dt.date(2024, 10, 1)
    )
    plan.refresh_from_db()
    return plan


@pytest.fixture
def operational(world, strategic):
    plan = services.plan_create(
        organization=world.own, kind="operational_plan", fiscal_year=2568, by=world.planner
    )
    issue = strategic.issues.get(number=1)
    add_project(plan, "โครงการก่อสร้างถนนคอนกรีต", 480000, issue=issue, months=[4, 5])
    add_project(plan, "โครงการป้องกันไข้เลือดออก", 60000, months=[8])
    return plan


def url(plan, name, fmt):
    return reverse("plans:public_form", args=[plan.pk, name, fmt])


def test_anyone_downloads_the_forms_of_an_announced_operational_plan(client, operational):
    plan = announce(operational)
    page = client.get(reverse("plans:public_plan", args=[plan.pk]))
    assert page.status_code == 200
    for name in ("pd01", "pd02", "pd02-1"):
        for fmt in ("pdf", "xlsx"):
            assert url(plan, name, fmt) in page.text
    assert "plan-book" not in page.text

    pdf = client.get(url(plan, "pd02", "pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert (
        "attachment" in pdf["Content-Disposition"]
        and "pd02-OWN-2568.pdf" in pdf["Content-Disposition"]
    )
    words = pdf_words(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content)
    assert "โครงการก่อสร้างถนนคอนกรีต" in words and "540,000.00" in words

    xlsx = client.get(url(plan, "pd01", "xlsx"))
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("ผด.01" in t for t in texts)


def test_an_agency_plan_offers_its_plan_book(client, annual):
    plan = announce(annual)
    page = client.get(reverse("plans:public_plan", args=[plan.pk]))
    assert (
        url(plan, "plan-book", "pdf") in page.text and url(plan, "pd02-1", "pdf") not in page.text
    )
    book = client.get(url(plan, "plan-book", "xlsx"))
    assert book.status_code == 200 and "spreadsheetml" in book["Content-Type"]
    assert client.get(url(plan, "pd02-1", "pdf")).status_code == 404  # not offered for it


@pytest.mark.parametrize("state", ["draft", "in_review", "returned", "approved"])
def test_no_one_downloads_the_forms_of_a_plan_that_is_not_announced(
    client, world, operational, state
):
    AnnualPlan.objects.filter(pk=operational.pk).update(state=state)
    for name in ("pd01", "pd02", "pd02-1", "plan-book"):
        for fmt in ("pdf", "xlsx"):
            assert client.get(url(operational, name, fmt)).status_code == 404, (name, fmt)
    assert client.get(reverse("plans:public_plan", args=[operational.pk])).status_code == 404
    client.force_login(world.planner)  # not even its planner, on the public side
    assert client.get(url(operational, "pd02", "pdf")).status_code == 404


def test_the_builders_give_the_public_reader_announced_plans_only(operational):
    with pytest.raises(ReportError):
        build_pd02(user=PUBLIC, plan_id=operational.pk)
    announce(operational)
    data = build_pd02(user=PUBLIC, plan_id=operational.pk)
    assert sum(len(g.rows) for g in data.groups) == 2


def test_other_formats_and_unknown_forms_are_not_found(client, operational):
    plan = announce(operational)
    assert client.get(url(plan, "pd02", "json")).status_code == 404
    assert client.get(url(plan, "org-directory", "pdf")).status_code == 404
    assert client.post(url(plan, "pd02", "pdf")).status_code == 405


def test_a_form_takes_the_same_queries_for_a_small_and_a_large_plan(client, operational, strategic):
    plan = announce(operational)

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(plan, "pd02", "xlsx"))
        assert response.status_code == 200
        return len(queries)

    few = count()
    assert few == 5  # the page's plan; the builder's plan, projects, activities, lines
    issue = strategic.issues.get(number=2)
    AnnualPlan.objects.filter(pk=plan.pk).update(state="draft")
    for n in range(30):
        add_project(plan, f"โครงการเพิ่ม {n}", 1000 + n, issue=issue, months=[n % 12 + 1])
    announce(plan)
    assert count() == few
    with CaptureQueriesContext(connection) as cached:
        assert client.get(url(plan, "pd02", "xlsx")).status_code == 200
    assert len(cached) < few  # the second download comes from the cache
