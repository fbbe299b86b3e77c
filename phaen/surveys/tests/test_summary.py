"""Summary arithmetic against hand-computed examples, across editions, in fixed queries."""

from decimal import Decimal

import pytest

from phaen.plans.models import Project
from phaen.surveys import selectors, services
from phaen.surveys.tests.conftest import answer

pytestmark = pytest.mark.django_db


def test_mean_distribution_count_and_texts_equal_a_hand_computed_example(survey):
    # question 1: 5, 5, 4, 3, 1 -> 18 / 5 = 3.60; 2/5 = 40 %, 1/5 = 20 % …
    # question 2: 4, 4, 5, (blank is refused: required) ... see below, 3 answers only
    answer(survey, [5, 4, "ดีมาก"], "a")
    answer(survey, [5, 4, ""], "b")
    answer(survey, [4, 5, "  "], "c")
    answer(survey, [3, 4, "ควรจัดอีก"], "d")
    answer(survey, [1, 4, ""], "e")
    summary = selectors.survey_summary(survey)
    assert summary.responses == 5
    q1, q2, q3 = summary.questions
    assert (q1.number, q1.count, q1.mean) == (1, 5, Decimal("3.60"))
    assert [(b.value, b.count, b.percent) for b in q1.distribution] == [
        (5, 2, Decimal("40.00")),
        (4, 1, Decimal("20.00")),
        (3, 1, Decimal("20.00")),
        (2, 0, Decimal("0.00")),
        (1, 1, Decimal("20.00")),
    ]
    # 4+4+5+4+4 = 21 / 5 = 4.20; 4 of 5 = 80 %
    assert q2.mean == Decimal("4.20")
    assert [b.count for b in q2.distribution] == [1, 4, 0, 0, 0]
    assert q2.distribution[1].percent == Decimal("80.00")
    assert q2.distribution[0].label == "มากที่สุด" and q2.distribution[4].label == "น้อยที่สุด"
    # blank optional answers are not answers
    assert q3.count == 2 and q3.texts == ["ดีมาก", "ควรจัดอีก"] and q3.mean is None


def test_thirds_round_half_up_to_two_places(survey):
    # 4, 4, 5 -> 13 / 3 = 4.333… -> 4.33; 2/3 = 66.67 %, 1/3 = 33.33 %
    for who, value in (("a", 4), ("b", 4), ("c", 5)):
        answer(survey, [value, 2, ""], who)
    q1, q2, _q3 = selectors.survey_summary(survey).questions
    assert q1.mean == Decimal("4.33")
    assert [b.percent for b in q1.distribution[:2]] == [Decimal("33.33"), Decimal("66.67")]
    assert q2.mean == Decimal("2.00")


def test_a_survey_without_answers_has_no_mean(survey):
    q1 = selectors.survey_summary(survey).questions[0]
    assert q1.count == 0 and q1.mean is None
    assert all(b.percent == 0 for b in q1.distribution)


def test_project_summary_follows_the_lineage_and_not_other_years(world, survey, project, annual):
    answer(survey, [5, 5, ""], "a")
    # the same project in a later edition of the same plan year (same lineage)
    copy = Project.objects.create(plan=annual, name=project.name, lineage=project.lineage)
    later = services.survey_create(project=copy, title="รอบสอง", by=world.planner)
    other = annual.projects.exclude(pk__in=[project.pk, copy.pk]).first()
    result = selectors.project_survey_summary([copy, other])
    assert [s.id for s in result[copy.pk]] == [survey.pk, later.pk]
    assert result[copy.pk][0].questions[0].mean == Decimal("5.00")
    assert result[other.pk] == []


def test_project_summary_runs_a_fixed_number_of_queries(
    world, survey, project, annual, django_assert_num_queries
):
    answer(survey, [5, 5, "x"], "a")
    projects = list(annual.projects.select_related("plan"))
    with django_assert_num_queries(5):
        small = selectors.project_survey_summary(projects)
    for n in range(4):
        extra = services.survey_create(project=projects[n % len(projects)], title=f"S{n}", by=None)
        services.questions_add_defaults(survey=extra, by=None)
        services.survey_set_state(survey=extra, state="open", by=None)
        for who in range(3):
            answer(extra, [4, 4, 4, 4, 4, 4, f"t{who}"], f"{n}-{who}")
    with django_assert_num_queries(5):
        large = selectors.project_survey_summary(projects)
    assert sum(len(v) for v in large.values()) == sum(len(v) for v in small.values()) + 4
