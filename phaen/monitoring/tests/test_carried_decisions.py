"""Decisions of last year's coordination meetings show on the next year's plan while it is
drafted, and a frozen plan's project links to its follow-up."""

import datetime as dt

import pytest
from django.urls import reverse

from phaen.monitoring import improvement
from phaen.plans import services
from phaen.plans.models import AnnualPlan
from phaen.plans.tests.test_project_views import login

pytestmark = pytest.mark.django_db


def test_next_years_draft_plan_lists_the_decisions_carried_into_it(client, world):
    last = services.plan_create(
        organization=world.own, kind="action_plan", fiscal_year=2567, by=world.planner
    )
    improvement.meeting_save(
        plan=last,
        by=world.planner,
        held_on=dt.date(2024, 8, 20),
        title="ประชุมประสานแผน",
        decisions=[("บรรจุโครงการป้องกันยาเสพติดในแผนปีถัดไป", True), ("รับทราบผล", False)],
    )
    plan = services.plan_create(
        organization=world.own, kind="action_plan", fiscal_year=2568, by=world.planner
    )
    page = login(client, world.planner, world.own).get(reverse("plans:plan_detail", args=[plan.pk]))
    body = page.content.decode()
    assert 'data-testid="carried-decisions"' in body
    assert "บรรจุโครงการป้องกันยาเสพติดในแผนปีถัดไป" in body and "รับทราบผล" not in body
    AnnualPlan.objects.filter(pk=plan.pk).update(state="announced")
    body = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert 'data-testid="carried-decisions"' not in body


def test_a_frozen_plans_project_links_to_its_follow_up(client, world):
    plan = services.plan_create(
        organization=world.own, kind="action_plan", fiscal_year=2568, by=world.planner
    )
    project = services.project_create(plan=plan, name="โครงการทดสอบ", by=world.planner)
    url = reverse("plans:project_detail", args=[project.pk])
    body = login(client, world.planner, world.own).get(url).content.decode()
    assert 'data-testid="project-followup"' not in body
    AnnualPlan.objects.filter(pk=plan.pk).update(state="announced")
    body = client.get(url).content.decode()
    assert reverse("monitoring:project_detail", args=[project.pk]) in body
    assert f"{reverse('surveys:survey_create')}?project={project.pk}" in body
