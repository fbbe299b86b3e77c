"""Pages: the index with the weighted achievement and its formula, entering a result,
agreements with score sheets, the public page without login."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from phaen.monitoring.services import period_lock
from phaen.performance import services
from phaen.performance.models import IndicatorResult
from phaen.performance.tests.factories import make_agreement

pytestmark = pytest.mark.django_db


def test_index_shows_weighted_achievement_with_the_formula(client, world, sp, q):
    services.result_record(indicator=sp["a"], period=q("Q1"), actual=D(72), by=world.planner)
    client.force_login(world.viewer)
    page = client.get(reverse("performance:index"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "(60 × 90.00) ÷ (60) = 90.00" in html
    assert "enter-1.1-Q1" not in html  # a viewer does not record


def test_a_planner_enters_a_result_and_a_locked_period_names_the_field(client, world, sp, q):
    client.force_login(world.planner)
    url = reverse("performance:result_edit", args=[sp["b"].pk, "Q2"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"actual": "70", "comment": "ครบ"})
    assert response.status_code == 302
    assert IndicatorResult.objects.get().actual == D(70)
    period_lock(period=q("Q3"), by=world.planner)
    refused = client.post(
        reverse("performance:result_edit", args=[sp["b"].pk, "Q3"]), {"actual": "1"}
    )
    assert refused.status_code == 400
    assert 'data-testid="form-errors"' in refused.content.decode()
    client.force_login(world.viewer)
    assert client.post(url, {"actual": "1"}).status_code == 403


def test_index_queries_do_not_grow_with_the_plan(
    client, world, sp, q, django_assert_max_num_queries
):
    client.force_login(world.viewer)
    client.get(reverse("performance:index"))
    from phaen.performance.tests.factories import make_indicator

    for n in range(8):
        ind = make_indicator(
            sp["plan"], sp["issues"][0], f"1.{n + 5}", "x", weight=D(1), targets={(2570, None): 5}
        )
        services.result_record(indicator=ind, period=q("Q1"), actual=D(n), by=world.planner)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("performance:index"))
    for n in range(8):
        make_indicator(
            sp["plan"], sp["issues"][1], f"2.{n + 5}", "y", weight=D(1), targets={(2570, None): 5}
        )
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("performance:index"))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_agreement_pages_and_public_page(client, world):
    agreement = make_agreement(world.own, world.planner)
    client.force_login(world.planner)
    detail = reverse("performance:agreement_detail", args=[agreement.pk])
    assert client.get(detail).status_code == 200
    client.post(
        reverse("performance:agreement_sign", args=[agreement.pk]), {"signed_on": "15/10/2569"}
    )
    agreement.refresh_from_db()
    assert agreement.state == "signed" and agreement.signed_on == dt.date(2026, 10, 15)
    items = list(agreement.indicators.all())
    form = {"assessed_on": "1/10/2570", "note": ""}
    form.update({f"result_{i.pk}": v for i, v in zip(items, ("72", "76.25", "65"), strict=True)})
    assert (
        client.post(
            reverse("performance:assessment_form", args=[agreement.pk, "self"]), form
        ).status_code
        == 302
    )
    assert (
        client.get(
            reverse("performance:assessment_form", args=[agreement.pk, "committee"])
        ).status_code
        == 403
    )
    html = client.get(detail).content.decode()
    assert "3.3475" in html
    public = reverse("performance:public_detail", args=[agreement.pk])
    client.logout()
    assert client.get(public).status_code == 404
    services.agreement_publish(agreement=agreement, audience="public", by=world.planner)
    page = client.get(public)
    assert page.status_code == 200 and "3.3475" in page.content.decode()
    assert agreement.title in client.get(reverse("performance:public_list")).content.decode()
    sheet = client.get(reverse("performance:agreement_sheet", args=[agreement.pk, "self", "json"]))
    assert sheet.status_code == 302  # login first


def test_the_inline_editor_answers_htmx_with_a_fragment_and_a_refresh(client, world, sp, q):
    client.force_login(world.planner)
    url = reverse("performance:result_edit", args=[sp["a"].pk, "Q1"])
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert fragment.status_code == 200 and "result-inline" in html and "<html" not in html
    bad = client.post(url, {"actual": ""}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 200 and "form-errors" in bad.content.decode()
    done = client.post(url, {"actual": "72"}, HTTP_HX_REQUEST="true")
    assert done.status_code == 204 and done["HX-Refresh"] == "true"
    assert IndicatorResult.objects.get(period=q("Q1")).actual == D(72)
