"""The frozen-record mechanism: approved or announced records refuse every change."""

import datetime as dt

import pytest
from django.db import transaction

from phaen.core.frozen import FrozenRecordError
from phaen.core.tests.frozen_app.models import Document, Line

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved():
    doc = Document.objects.create(title="แผนปฏิบัติการ 2568")
    line = Line.objects.create(document=doc, name="โครงการ ก", amount=100)
    doc.status = "approved"
    doc.save()  # the transition into a frozen state is itself allowed
    return doc, line


def test_it_allows_changes_while_draft():
    doc = Document.objects.create(title="ร่าง")
    doc.title = "ร่าง (แก้ไข)"
    doc.save()
    Document.objects.filter(pk=doc.pk).update(title="ร่าง 2")
    assert Document.objects.get(pk=doc.pk).title == "ร่าง 2"
    doc.refresh_from_db()
    doc.delete()
    assert not Document.objects.exists()


def test_it_refuses_save_of_a_frozen_record(approved):
    doc, _ = approved
    doc.title = "แก้ไขหลังอนุมัติ"
    with pytest.raises(FrozenRecordError):
        doc.save()
    assert Document.objects.get(pk=doc.pk).title == "แผนปฏิบัติการ 2568"


def test_it_refuses_unfreezing_by_changing_state_in_memory(approved):
    doc, _ = approved
    doc.status = "draft"
    with pytest.raises(FrozenRecordError):
        doc.save()
    assert Document.objects.get(pk=doc.pk).status == "approved"


def test_it_refuses_delete(approved):
    doc, line = approved
    with pytest.raises(FrozenRecordError):
        line.delete()
    with pytest.raises(FrozenRecordError):
        doc.delete()
    assert Line.objects.filter(pk=line.pk).exists()


def test_it_refuses_queryset_update_and_delete(approved):
    doc, line = approved
    with pytest.raises(FrozenRecordError):
        Document.objects.filter(pk=doc.pk).update(title="x")
    with pytest.raises(FrozenRecordError):
        Document.objects.all().delete()
    with pytest.raises(FrozenRecordError):
        Line.objects.filter(document=doc).update(amount=999)
    with pytest.raises(FrozenRecordError):
        Line.objects.all().delete()
    assert Line.objects.get(pk=line.pk).amount == 100


def test_it_refuses_bulk_update_and_bulk_create_under_frozen_parent(approved):
    doc, line = approved
    line.amount = 5
    with pytest.raises(FrozenRecordError):
        Line.objects.bulk_update([line], ["amount"])
    with pytest.raises(FrozenRecordError):
        Line.objects.bulk_create([Line(document=doc, name="เพิ่มใหม่")])
    assert Line.objects.count() == 1


def test_it_refuses_new_children_and_moving_children_into_a_frozen_parent(approved):
    doc, _ = approved
    with pytest.raises(FrozenRecordError):
        Line.objects.create(document=doc, name="โครงการนอกแผน")
    draft = Document.objects.create(title="ร่างอื่น")
    other = Line.objects.create(document=draft, name="ย้าย")
    other.document = doc
    with pytest.raises(FrozenRecordError):
        other.save()


def test_it_leaves_unrelated_rows_changeable_in_a_mixed_queryset(approved):
    Document.objects.create(title="ร่าง")
    assert Document.objects.filter(status="draft").update(title="ร่างใหม่") == 1
    with pytest.raises(FrozenRecordError):
        Document.objects.update(title="ทั้งหมด")  # includes the approved one


def test_it_allows_the_declared_mutable_fields_only(approved):
    doc, _ = approved
    doc.posted_on = dt.date(2024, 10, 7)
    doc.save(update_fields=["posted_on"])
    assert Document.objects.get(pk=doc.pk).posted_on == dt.date(2024, 10, 7)
    Document.objects.filter(pk=doc.pk).update(posted_on=dt.date(2024, 10, 8))
    with pytest.raises(FrozenRecordError):
        doc.save(update_fields=["posted_on", "title"])


def test_it_reports_frozen_state_and_queryset(approved):
    doc, line = approved
    assert doc.is_frozen() and line.is_frozen()
    assert list(Line.objects.frozen()) == [line]
    assert not Document(title="ใหม่").is_frozen()


def test_it_refuses_many_to_many_changes_from_either_side(approved):
    from phaen.core.tests.frozen_app.models import Tag

    doc, _ = approved
    tag = Tag.objects.create(name="SDG 4")
    # Django runs m2m writes in an atomic block: a savepoint keeps the test's transaction.
    with pytest.raises(FrozenRecordError), transaction.atomic():
        doc.tags.add(tag)
    with pytest.raises(FrozenRecordError), transaction.atomic():
        tag.documents.add(doc)
    draft = Document.objects.create(title="ร่าง")
    draft.tags.add(tag)
    tag.documents.remove(draft)
    assert not doc.tags.exists() and not draft.tags.exists()
