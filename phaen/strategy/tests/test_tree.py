"""The exchange tree: import then export is lossless; bad input names its path."""

import copy

import pytest
from django.core.exceptions import ValidationError

from phaen.strategy.models import Indicator, StrategicPlan
from phaen.strategy.services import plan_from_tree
from phaen.strategy.tree import plan_queryset, plan_to_tree

pytestmark = pytest.mark.django_db


def roundtrip(org, tree):
    plan = plan_from_tree(organization=org, tree=tree)
    return plan, plan_to_tree(plan_queryset().get(pk=plan.pk))


def test_json_to_plan_to_json_is_lossless(world, tree):
    plan, exported = roundtrip(world.own, tree)
    assert exported == tree
    assert plan.issues.count() == 2 and plan.indicators.count() == 3
    child = Indicator.objects.get(number="1.1")
    assert child.parent.number == "1" and child.issue.number == 1


def test_it_names_the_path_of_every_bad_value_and_saves_nothing(world, tree):
    bad = copy.deepcopy(tree)
    issue = bad["issues"][0]
    issue["frameworks"].append("sdg:99")
    issue["indicators"][0]["targets"].append({"year": 2575, "quarter": None, "value": 1})
    issue["indicators"][1]["weight"] = "lots"
    issue["projects"][0]["budgets"] = {"2590": 5}
    with pytest.raises(ValidationError) as info:
        plan_from_tree(organization=world.own, tree=bad)
    paths = set(info.value.message_dict)
    assert "issues.0.frameworks.2" in paths
    assert "issues.0.indicators.0.targets.3.fiscal_year" in paths
    assert "issues.0.indicators.1.weight" in paths
    assert "issues.0.projects.0.budgets.2590" in paths
    assert not StrategicPlan.objects.exists()


def test_weights_must_add_up_to_100_when_the_plan_requires_it(world, tree):
    tree["weights_total_100"] = True
    tree["issues"][0]["indicators"][1]["weight"] = 30
    with pytest.raises(ValidationError) as info:
        plan_from_tree(organization=world.own, tree=tree)
    assert "issues.0.indicators" in info.value.message_dict
    tree["issues"][0]["indicators"][1]["weight"] = 40
    plan_from_tree(organization=world.own, tree=tree)


def test_the_export_costs_the_same_queries_for_a_small_and_a_large_plan(
    world, tree, django_assert_num_queries
):
    small, _ = roundtrip(world.own, tree)
    big_tree = copy.deepcopy(tree)
    for n in range(3, 15):
        extra = copy.deepcopy(tree["issues"][0])
        extra["number"] = n
        big_tree["issues"].append(extra)
    big, _ = roundtrip(world.own, big_tree)
    assert big.indicators.count() > 10 * small.indicators.count() / 2

    def export(plan):
        plan_to_tree(plan_queryset().get(pk=plan.pk))

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small_q:
        export(small)
    with django_assert_num_queries(len(small_q.captured_queries)):
        export(big)
