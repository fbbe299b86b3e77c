import pytest
from django.core.management import call_command
from django.utils import timezone

from phaen.core.thai import fiscal_year
from phaen.monitoring import selectors
from phaen.monitoring.models import Evidence, MeetingDecision, Problem, ProgressReport, ProjectCheck
from phaen.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_the_demo_has_months_of_follow_up():
    call_command("load_demo")
    org = Organization.objects.get(code="SK-PMJ")
    fy = fiscal_year(timezone.now())
    plan = selectors.plan_in_force(organization=org, fiscal_year=fy)
    reports = ProgressReport.objects.filter(project__plan=plan)
    october = reports.filter(period__number=1)
    assert october.exists() and not october.exclude(state="acknowledged").exists()
    assert october.exclude(narrative="").exists()  # the project behind its plan explains
    assert october.count() == plan.projects.exclude(status="cancelled").count() - 1  # one overdue
    if selectors.current_month_number(fy) >= 2:
        assert reports.filter(period__number=2, state="draft").exists()
    assert Evidence.objects.filter(report__project__plan=plan, kind="photo").exists()
    assert reports.exclude(meeting_approved_on=None).exists()
    assert ProjectCheck.objects.filter(project__plan=plan, state="approved").exists()
    assert Problem.objects.filter(plan=plan, published=True).exists()
    assert MeetingDecision.objects.filter(meeting__plan=plan, carry_forward=True).exists()
    assert ProgressReport.objects.filter(project__plan__organization__code="SAO-NBT").exists()
    from phaen.monitoring.models import RiskOccurrence

    assert RiskOccurrence.objects.filter(report__project__plan=plan).exists()
