import pytest

from phaen.monitoring.selectors import period_by_code
from phaen.performance.tests.factories import sample


@pytest.fixture
def sp(world):
    return sample(world.own)


@pytest.fixture
def q(world):
    def period(code, fy=2570, org=None):
        return period_by_code(organization=org or world.own, fiscal_year=fy, code=code)

    return period
