import datetime as dt
from decimal import Decimal

import pytest

from phaen.monitoring import selectors
from phaen.plans.models import AnnualPlan, Project, ProjectOutput
from phaen.plans.tests.conftest import add_project, annual, strategic  # noqa: F401


@pytest.fixture
def approved(annual):  # noqa: F811
    """The plans fixture's FY 2568 plan, with an output target on its first project, approved."""
    good = annual.projects.get(name="โครงการเยี่ยมบ้านผู้สูงอายุ")
    ProjectOutput.objects.create(
        project=good, description="ผู้สูงอายุได้รับการเยี่ยมบ้าน", unit="คน", target=Decimal(200)
    )
    AnnualPlan.objects.filter(pk=annual.pk).update(state="approved")
    annual.refresh_from_db()
    return annual


@pytest.fixture
def good(approved):
    """Owned by the project owner; planned November 2567 … June 2568 (fiscal months 2–9)."""
    return Project.objects.select_related("plan").get(plan=approved, name="โครงการเยี่ยมบ้านผู้สูงอายุ")


def month(plan, code):
    return selectors.period_by_code(
        organization=plan.organization, fiscal_year=plan.fiscal_year, code=code
    )


DAY = dt.date(2025, 1, 5)
