"""Monthly progress: the narrative rule, locked periods, submission, acknowledgement and
its sealed snapshot, evidence checks and bulk submission."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from phaen.core.frozen import FrozenRecordError
from phaen.monitoring import selectors, services
from phaen.monitoring.choices import ReportState
from phaen.monitoring.images import png
from phaen.monitoring.models import ProgressReport, ReportSnapshot
from phaen.monitoring.progress import planned_percent
from phaen.monitoring.tests.conftest import month

pytestmark = pytest.mark.django_db


def owner(world):
    return world.role_users["project_owner"]


def photo(name="photo.png"):
    return SimpleUploadedFile(name, png(8, 8), content_type="image/png")


def test_planned_percent_is_the_share_of_planned_months_elapsed(good):
    # planned from its dates: November … June = fiscal months 2 … 9 (eight months)
    assert planned_percent(good, 1) == 0
    assert planned_percent(good, 3) == 25
    assert planned_percent(good, 9) == 100


def test_narrative_is_required_when_behind(world, good):
    dec = month(good.plan, "2567-12")  # 25 % planned
    with pytest.raises(ValidationError) as exc:
        services.report_save(
            project=good, period=dec, by=owner(world), status="in_progress", percent=10
        )
    assert "narrative" in exc.value.message_dict
    assert "25" in exc.value.message_dict["narrative"][0]
    report = services.report_save(
        project=good, period=dec, by=owner(world), status="in_progress", percent=30
    )
    assert report.narrative == ""


@pytest.mark.parametrize("status", ["postponed", "cancelled"])
def test_narrative_is_required_when_postponed_or_cancelled(world, good, status):
    oct_ = month(good.plan, "2567-10")
    with pytest.raises(ValidationError) as exc:
        services.report_save(project=good, period=oct_, by=owner(world), status=status)
    assert list(exc.value.message_dict) == ["narrative"]
    services.report_save(
        project=good, period=oct_, by=owner(world), status=status, narrative="งบถูกตัด"
    )


def test_done_means_100_percent_and_percent_tops_at_100(world, good):
    oct_ = month(good.plan, "2567-10")
    with pytest.raises(ValidationError) as exc:
        services.report_save(project=good, period=oct_, by=owner(world), status="done", percent=90)
    assert "percent" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.report_save(project=good, period=oct_, by=owner(world), percent=101)
    assert "percent" in exc.value.message_dict


def test_a_locked_period_refuses_reports_naming_it(world, good):
    nov = month(good.plan, "2567-11")
    services.period_lock(period=nov, by=world.planner)
    with pytest.raises(ValidationError) as exc:
        services.report_save(project=good, period=nov, by=owner(world), percent=20)
    message = exc.value.message_dict["period"][0]
    assert nov.label in message
    assert not ProgressReport.objects.exists()


def test_one_report_per_project_and_month_across_editions(world, good):
    oct_ = month(good.plan, "2567-10")
    first = services.report_save(project=good, period=oct_, by=owner(world))
    again = services.report_save(project=good, period=oct_, by=owner(world), percent=5)
    assert first.pk == again.pk and ProgressReport.objects.count() == 1


def test_submit_acknowledge_seals_a_snapshot(world, good):
    jan = month(good.plan, "2568-01")
    output = good.outputs.get()
    report = services.report_save(
        project=good,
        period=jan,
        by=owner(world),
        status="in_progress",
        percent=40,
        achievements=[(output, Decimal("75"))],
    )
    services.evidence_add(report=report, upload=photo(), caption="ลงพื้นที่", by=owner(world))
    report = services.report_submit(report=report, by=owner(world))
    assert report.state == ReportState.SUBMITTED
    report = services.report_acknowledge(report=report, by=world.planner)
    snapshot = ReportSnapshot.objects.get(report=report)
    assert snapshot.data["percent"] == 40
    assert snapshot.data["planned_percent"] == 38  # Nov, Dec, Jan: 3 of 8 months (37.5)
    assert snapshot.data["outputs"][0]["actual"] == "75.00"
    assert snapshot.data["evidence"][0]["kind"] == "photo"
    snapshot.data["percent"] = 99
    with pytest.raises(FrozenRecordError):
        snapshot.save()
    with pytest.raises(FrozenRecordError):
        snapshot.delete()
    with pytest.raises(FrozenRecordError):
        ReportSnapshot.objects.filter(pk=snapshot.pk).update(data={})
    # returned and changed later: the sealed snapshot still shows what was acknowledged
    services.report_return(report=report, by=world.planner, comment="แก้ตัวเลข")
    services.report_save(
        project=good, period=jan, by=owner(world), status="in_progress", percent=60
    )
    snapshot.refresh_from_db()
    assert snapshot.data["percent"] == 40


def test_an_acknowledged_report_cannot_be_edited(world, good):
    oct_ = month(good.plan, "2567-10")
    report = services.report_save(project=good, period=oct_, by=owner(world))
    services.report_submit(report=report, by=owner(world))
    services.report_acknowledge(report=report, by=world.planner)
    with pytest.raises(ValidationError) as exc:
        services.report_save(project=good, period=oct_, by=owner(world), percent=3)
    assert "state" in exc.value.message_dict


def test_evidence_types_and_size_are_checked(world, good):
    report = services.report_save(project=good, period=month(good.plan, "2567-10"), by=owner(world))
    fake = SimpleUploadedFile("photo.jpg", b"not an image at all", content_type="image/jpeg")
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(report=report, upload=fake, by=owner(world))
    assert "photo.jpg" in exc.value.message_dict["file"][0]
    # JPEG's first bytes, then no picture: decoded, refused, nothing stored
    damaged = SimpleUploadedFile("scan.jpg", b"\xff\xd8\xff\xe0" + b"\x00junk" * 99, "image/jpeg")
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(report=report, upload=damaged, by=owner(world))
    assert "scan.jpg" in exc.value.message_dict["file"][0]
    assert not report.evidence.exists()
    pdf = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    assert services.evidence_add(report=report, upload=pdf, by=owner(world)).kind == "document"
    big = photo()
    big.size = services.MAX_EVIDENCE_BYTES + 1
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(report=report, upload=big, by=owner(world))
    assert "10 MB" in exc.value.message_dict["file"][0]


def test_lock_refuses_unacknowledged_reports_unless_forced_with_a_reason(world, good):
    oct_ = month(good.plan, "2567-10")
    report = services.report_save(project=good, period=oct_, by=owner(world))
    services.report_submit(report=report, by=owner(world))
    with pytest.raises(ValidationError) as exc:
        services.period_lock(period=oct_, by=world.planner)
    assert "force" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.period_lock(period=oct_, by=world.planner, force=True)
    assert "reason" in exc.value.message_dict
    locked = services.period_lock(period=oct_, by=world.planner, force=True, reason="ครบกำหนด")
    assert locked.is_locked and locked.lock_note == "ครบกำหนด"


def test_bulk_submission_is_all_or_nothing(world, good, approved):
    other = approved.projects.exclude(pk=good.pk).first()
    oct_, dec = month(good.plan, "2567-10"), month(good.plan, "2567-12")
    items = [
        {"project": other, "period": oct_, "percent": 10, "status": "in_progress"},
        {"project": good, "period": dec, "percent": 5, "status": "in_progress"},  # behind
    ]
    with pytest.raises(ValidationError) as exc:
        services.reports_bulk_submit(items=items, by=world.planner)
    assert list(exc.value.message_dict) == ["1.narrative"]
    assert not ProgressReport.objects.exists()
    items[1]["narrative"] = "ฝนตกหนัก"
    reports = services.reports_bulk_submit(items=items, by=world.planner)
    assert [r.state for r in reports] == ["submitted", "submitted"]


def test_selectors_status_counts_and_latest(world, good, approved):
    projects = list(approved.projects.select_related("plan"))
    oct_, nov = month(good.plan, "2567-10"), month(good.plan, "2567-11")
    services.report_save(
        project=good, period=oct_, by=owner(world), status="in_progress", percent=5
    )
    services.report_save(
        project=good, period=nov, by=owner(world), status="postponed", percent=5, narrative="x"
    )
    assert selectors.projects_by_status(projects, oct_) == {
        "not_started": 2,
        "in_progress": 1,
        "done": 0,
        "postponed": 0,
        "cancelled": 0,
    }
    assert selectors.projects_by_status(projects, nov)["postponed"] == 1
    latest = selectors.latest_progress(projects)
    assert latest[good.lineage].period == nov
    rows = selectors.output_achievement(projects, nov)[good.pk]
    assert rows[0]["target"] == Decimal(200) and rows[0]["actual"] is None
