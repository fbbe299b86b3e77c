import pytest

from phaen.strategy.tests.samples import sample_tree


@pytest.fixture
def tree():
    return sample_tree()
