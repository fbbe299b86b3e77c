import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from phaen.core.frozen import FrozenRecordError
from phaen.strategy import editions
from phaen.strategy.models import EditionRouteStep, Indicator, PlanProject
from phaen.strategy.services import plan_approve, plan_from_tree, plan_revise
from phaen.strategy.tests.samples import project

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(world, tree):
    plan = plan_from_tree(organization=world.own, tree=tree, by=world.planner)
    return plan_approve(plan=plan, by=world.role_users["executive"], on=dt.date(2022, 9, 1))


def test_an_approved_plan_refuses_changes_by_every_path(approved):
    approved.vision = "แก้ไขภายหลัง"
    with pytest.raises(FrozenRecordError):
        approved.save()
    indicator = Indicator.objects.filter(plan=approved).first()
    indicator.name = "x"
    with pytest.raises(FrozenRecordError):
        indicator.save()
    with pytest.raises(FrozenRecordError):
        Indicator.objects.filter(plan=approved).update(weight=1)
    with pytest.raises(FrozenRecordError):
        indicator.targets.first().delete()
    with pytest.raises(FrozenRecordError), transaction.atomic():
        indicator.frameworks.add(*approved.issues.first().frameworks.all())


def test_a_revision_copies_the_approved_plan_into_a_new_draft(approved, world):
    from phaen.strategy.tree import plan_queryset, plan_to_tree

    draft = plan_revise(plan=approved, by=world.planner)
    assert draft.revision == 2 and draft.previous == approved and draft.status == "draft"
    old, new = (plan_to_tree(plan_queryset().get(pk=p.pk)) for p in (approved, draft))
    for key in ("status", "revision"):
        old.pop(key), new.pop(key)
    assert old == new
    draft.vision = "วิสัยทัศน์ฉบับทบทวน"
    draft.save()
    assert not approved.is_superseded()
    plan_approve(plan=draft, by=world.superuser)
    assert approved.is_superseded()


def test_an_edition_adds_and_removes_projects_and_earlier_editions_stay_readable(approved, world):
    issue = approved.issues.get(number=1)
    original = list(editions.projects_as_of(approved))
    edition = editions.edition_create(
        plan=approved, kind="addition", year=2567, reason="ได้รับงบประมาณเพิ่มเติม", by=world.planner
    )
    assert str(edition.number) == "1"
    added = editions.edition_add_project(
        edition=edition,
        issue=issue,
        by=world.planner,
        data={
            **project("โครงการก่อสร้างลานกีฬาชุมชน", budgets={"2567": 250000}),
            "reason": "ประชาคมเสนอ",
        },
    )
    editions.edition_remove_project(edition=edition, project=original[0], by=world.planner)
    added.name = "โครงการก่อสร้างลานกีฬาชุมชน หมู่ที่ 3"
    added.save()  # still a draft edition: editable

    with pytest.raises(ValidationError):
        editions.edition_approve(edition=edition, by=world.superuser)
    for step in EditionRouteStep.objects.filter(kind="addition"):
        editions.edition_record_step(
            edition=edition, step=step, on=dt.date(2024, 1, 15), decision="เห็นชอบ", by=world.planner
        )
    editions.edition_approve(edition=edition, by=world.superuser)

    after = set(editions.projects_as_of(approved, edition))
    assert added in after and original[0] not in after
    assert set(editions.projects_as_of(approved)) == set(original)
    added.name = "เปลี่ยนอีก"
    with pytest.raises(FrozenRecordError):
        added.save()
    assert PlanProject.objects.get(pk=original[0].pk).removed_in == edition


def test_an_edition_of_a_draft_plan_is_refused(world, tree):
    plan = plan_from_tree(organization=world.own, tree=tree)
    with pytest.raises(ValidationError):
        editions.edition_create(plan=plan, kind="addition", year=2567, reason="x")
