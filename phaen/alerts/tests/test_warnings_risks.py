"""The "risk triggered" warning: a risk reported as occurred in a project's latest
submitted report, naming its fallback plan and linking to the report."""

import pytest
from django.urls import reverse

from phaen.alerts.selectors import warnings
from phaen.alerts.tests.factories import FY, day, plan, project, report
from phaen.monitoring.models import RiskOccurrence
from phaen.plans.models import Risk

pytestmark = pytest.mark.django_db
TODAY = day("2026-12-20")


def risky(world):
    annual = plan(world)  # a draft: its projects still take risks
    p = project(annual, "โครงการอบรมอาชีพ", months=[1, 2, 3])
    flood = Risk.objects.create(
        project=p, description="น้ำท่วมศูนย์อบรม", fallback_plan="ย้ายไปจัดที่ห้องประชุมอำเภอ"
    )
    quiet = Risk.objects.create(project=p, description="ผู้เข้าอบรมไม่ครบ")
    return p, flood, quiet


def risk_warnings(world):
    return [w for w in warnings(world.own, FY, TODAY) if w.kind == "risk_triggered"]


def test_a_risk_in_the_latest_submitted_report_warns_with_its_fallback_plan(world):
    p, flood, _quiet = risky(world)
    october = report(p, 1)
    RiskOccurrence.objects.create(report=october, risk=flood, note="น้ำท่วมสูง 1 เมตร")
    [found] = risk_warnings(world)
    assert found.severity == "warning" and found.subject == p.name
    assert "น้ำท่วมศูนย์อบรม" in found.message and "น้ำท่วมสูง 1 เมตร" in found.message
    assert "ย้ายไปจัดที่ห้องประชุมอำเภอ" in found.message
    assert found.url == reverse("monitoring:report_detail", args=[october.pk])
    assert found.due_date == day("2026-10-31")


def test_a_risk_without_fallback_plan_says_so(world):
    p, _flood, quiet = risky(world)
    RiskOccurrence.objects.create(report=report(p, 1), risk=quiet)
    [found] = risk_warnings(world)
    assert "ผู้เข้าอบรมไม่ครบ" in found.message
    assert "no fallback plan" in found.message or "ไม่มีแผนสำรอง" in found.message


def test_only_the_latest_submitted_report_counts(world):
    p, flood, _quiet = risky(world)
    RiskOccurrence.objects.create(report=report(p, 1), risk=flood)
    # a later draft does not hide it; a draft's own risks do not warn
    november = report(p, 2, state="draft")
    RiskOccurrence.objects.create(report=november, risk=flood)
    assert [w.key.split(":")[2] for w in risk_warnings(world)] == [f"{FY}-1"]
    # a later submitted report without the risk clears it
    november.state = "submitted"
    november.save()
    november.risks_triggered.all().delete()
    assert risk_warnings(world) == []
