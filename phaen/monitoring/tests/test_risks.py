"""Risks triggered: a monthly report records which of the project's risks occurred, with a
note; the form's checkboxes, the service's checks, the snapshot, the API and the page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from phaen.api.testing import bearer_client
from phaen.monitoring import services
from phaen.monitoring.models import ProgressReport, ReportSnapshot, RiskOccurrence
from phaen.monitoring.tests.conftest import month
from phaen.plans.models import AnnualPlan, Risk
from phaen.plans.tests.test_project_views import login

pytestmark = pytest.mark.django_db
FALLBACK = "ใช้รถของอบต.แทนรถเช่า"


@pytest.fixture
def risks(good):
    """Two risks of the project (added while its plan is briefly a draft again)."""
    AnnualPlan.objects.filter(pk=good.plan_id).update(state="draft")
    flood = Risk.objects.create(
        project=good, description="น้ำท่วมเส้นทางลงพื้นที่", fallback_plan=FALLBACK
    )
    sick = Risk.objects.create(project=good, description="วิทยากรป่วย")
    AnnualPlan.objects.filter(pk=good.plan_id).update(state="approved")
    return flood, sick


@pytest.fixture
def other_risk(approved, risks):
    other = approved.projects.exclude(lineage=risks[0].project.lineage).first()
    AnnualPlan.objects.filter(pk=approved.pk).update(state="draft")
    risk = Risk.objects.create(project=other, description="ความเสี่ยงของโครงการอื่น")
    AnnualPlan.objects.filter(pk=approved.pk).update(state="approved")
    return risk


def owner(world):
    return world.role_users["project_owner"]


def test_the_service_records_risks_and_the_snapshot_keeps_them(world, good, risks):
    flood, _sick = risks
    oct_ = month(good.plan, "2567-10")
    report = services.report_save(
        project=good, period=oct_, by=owner(world), risks=[(flood, "ถนนขาด 2 วัน")]
    )
    assert [(o.risk, o.note) for o in report.risks_triggered.all()] == [(flood, "ถนนขาด 2 วัน")]
    # saving again replaces the list
    services.report_save(project=good, period=oct_, by=owner(world), risks=[])
    assert not RiskOccurrence.objects.exists()
    services.report_save(project=good, period=oct_, by=owner(world), risks=[(flood, "")])
    services.report_submit(report=report, by=owner(world))
    services.report_acknowledge(report=report, by=world.planner)
    data = ReportSnapshot.objects.get(report=report).data
    assert data["risks_triggered"] == [
        {"risk": flood.description, "fallback_plan": FALLBACK, "note": ""}
    ]


def test_a_risk_of_another_project_or_twice_is_refused(world, good, risks, other_risk):
    oct_ = month(good.plan, "2567-10")
    with pytest.raises(ValidationError) as exc:
        services.report_save(
            project=good, period=oct_, by=owner(world), risks=[(risks[0], ""), (other_risk, "")]
        )
    assert list(exc.value.message_dict) == ["risks.1.risk"]
    with pytest.raises(ValidationError) as exc:
        services.report_save(
            project=good, period=oct_, by=owner(world), risks=[(risks[0], ""), (risks[0], "")]
        )
    assert list(exc.value.message_dict) == ["risks.1.risk"]
    with pytest.raises(ValidationError) as exc:
        services.report_save(
            project=good, period=oct_, by=owner(world), risks=[(risks[1], "x" * 501)]
        )
    assert list(exc.value.message_dict) == ["risks.0.note"]
    assert not ProgressReport.objects.exists()


def test_the_form_has_a_checkbox_per_risk_and_saves_the_ticked_ones(client, world, good, risks):
    flood, sick = risks
    login(client, owner(world), world.own)
    url = reverse("monitoring:report_edit", args=[good.pk, 1])
    page = client.get(url).content.decode()
    assert 'data-testid="risk-checkboxes"' in page
    assert f'name="risk_{flood.pk}"' in page and f'name="risk_{sick.pk}"' in page
    assert FALLBACK in page
    response = client.post(
        url,
        {
            "status": "in_progress",
            "percent": "0",
            f"risk_{flood.pk}": "on",
            f"risk_note_{flood.pk}": "ถนนขาด",
            f"risk_note_{sick.pk}": "ไม่ได้ติ๊ก",
            "save": "1",
        },
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert [(o.risk_id, o.note) for o in report.risks_triggered.all()] == [(flood.pk, "ถนนขาด")]
    # the form shows it ticked again, and the report page shows the risk and its fallback plan
    page = client.get(url).content.decode()
    ticked = f'name="risk_{flood.pk}" class="form-check-input" id="id_risk_{flood.pk}" checked'
    assert ticked in page
    detail = client.get(reverse("monitoring:report_detail", args=[report.pk])).content.decode()
    assert 'data-testid="risks-triggered"' in detail
    assert flood.description in detail and FALLBACK in detail and "ถนนขาด" in detail
    assert sick.description not in detail


def test_the_api_reads_and_writes_risks_triggered(world, good, risks, other_risk):
    client = bearer_client(owner(world))
    oct_ = month(good.plan, "2567-10")
    body = {"project": good.pk, "period": oct_.pk, "status": "in_progress", "percent": 0}
    response = client.post(
        "/api/v1/progress-reports/",
        {**body, "risks_triggered": [{"risk": risks[0].pk, "note": "ถนนขาด"}]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["risks_triggered"] == [{"risk": risks[0].pk, "note": "ถนนขาด"}]
    rid = response.json()["id"]
    response = client.put(
        f"/api/v1/progress-reports/{rid}/",
        {**body, "risks_triggered": [{"risk": other_risk.pk}]},
        format="json",
    )
    assert response.status_code == 400
    assert "risks.0.risk" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("role", "may_change"),
    [("planner", True), ("org_admin", True), ("project_owner", True), ("viewer", False)],
)
def test_access_to_risks_triggered_follows_the_report(world, good, risks, role, may_change):
    from phaen.core.testing import make_user
    from phaen.organizations.access import can

    report = services.report_save(
        project=good, period=month(good.plan, "2567-10"), by=world.planner, risks=[(risks[0], "")]
    )
    occurrence = report.risks_triggered.get()
    user = world.role_users[role]
    assert can(user, "view", occurrence)
    assert can(user, "change", occurrence) == may_change
    other = make_user(world.org("other"), "planner")
    assert not can(other, "view", occurrence)
