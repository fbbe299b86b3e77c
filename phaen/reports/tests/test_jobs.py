import pytest
from django.urls import reverse

from phaen.core.testing import PASSWORD
from phaen.organizations.models import RoleAssignment, Unit
from phaen.reports import services
from phaen.reports.models import ReportRun
from phaen.reports.services import report_run_create, report_run_execute
from phaen.reports.tests.pdf_text import pdf_text


@pytest.fixture
def unit(world):
    return Unit.objects.create(organization=world.own, code="P", name_th="กองยุทธศาสตร์และแผนงาน")


def create(world, user=None, fmt="pdf", **kwargs):
    return report_run_create(
        user=user or world.planner,
        report_name="org-directory",
        organization=world.own,
        fmt=fmt,
        **kwargs,
    )


# --- service and task ---------------------------------------------------------------------
def test_a_run_is_built_rendered_and_stored_when_the_transaction_commits(
    world, unit, django_capture_on_commit_callbacks, monkeypatch
):
    seen = []
    original = services._progress

    def spy(run_id, percent, message):
        seen.append((percent, message))
        original(run_id, percent, message)

    monkeypatch.setattr(services, "_progress", spy)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = create(world, thai_digits=True)
    assert (run.status, run.progress, run.user, run.options) == (
        "queued",
        0,
        world.planner,
        {"org": "OWN", "as_of": None},
    )
    for callback in callbacks:
        callback()
    run.refresh_from_db()
    assert [pct for pct, _msg in seen] == [5, 10, 90]
    assert (run.status, run.progress, run.message) == ("done", 100, "พร้อมดาวน์โหลด")
    assert run.started_at <= run.finished_at and run.task_id
    assert run.filename.startswith("org-directory-OWN-") and run.filename.endswith(".pdf")
    assert run.result.name.startswith("reports/") and run.content_type == "application/pdf"
    text = pdf_text(run.result.read())
    assert "กองยุทธศาสตร์และแผนงาน" in text and "หน้า ๑ /" in text


def test_a_run_fails_with_the_reason_when_the_user_lost_access(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        run = create(world, user=world.viewer)
    RoleAssignment.objects.filter(person__user=world.viewer).delete()
    for callback in callbacks:
        callback()
    run.refresh_from_db()
    assert run.status == "failed" and not run.result
    assert run.message == "ไม่พบหน่วยงานรหัส OWN ที่ท่านมีสิทธิ์ดู"


def test_an_unexpected_error_is_recorded_on_the_run(world, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("typst exploded")

    monkeypatch.setattr(services, "render", broken)
    run = ReportRun.objects.create(
        user=world.planner,
        organization=world.own,
        report="org-directory",
        options={"org": "OWN"},
        format="pdf",
    )
    with pytest.raises(RuntimeError):
        report_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == "failed" and "RuntimeError: typst exploded" in run.error
    assert run.message == "จัดทำรายงานไม่สำเร็จ ระบบได้บันทึกข้อผิดพลาดไว้แล้ว"


def test_a_finished_run_is_not_run_twice(world, unit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = create(world, fmt="json")
    run.refresh_from_db()
    stored = run.result.name
    assert report_run_execute(run_id=run.pk) is None
    run.refresh_from_db()
    assert run.result.name == stored and run.status == "done"


def test_it_refuses_formats_and_organisations_it_cannot_do(world):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(ValidationError):
        create(world, fmt="docx")
    with pytest.raises(PermissionDenied):
        report_run_create(
            user=world.outsider, report_name="org-directory", organization=world.own, fmt="pdf"
        )
    assert not ReportRun.objects.exists()


# --- pages --------------------------------------------------------------------------------
@pytest.fixture
def planner(client, world):
    client.login(username=world.planner.username, password=PASSWORD)
    return client


def post_run(client, django_capture_on_commit_callbacks, fmt="pdf", digits=False):
    data = {"org-directory-format": fmt}
    if digits:
        data["org-directory-thai_digits"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("reports:run_create", args=["org-directory"]), data)


def test_anonymous_users_are_sent_to_log_in(client, world):
    for url in (reverse("reports:index"), reverse("reports:run_list")):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_index_offers_the_reports_for_the_current_organisation(planner, world):
    response = planner.get(reverse("reports:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "ทำเนียบหน่วยงาน" in html and "สำนักงานจังหวัดทดสอบ" in html
    assert 'name="org-directory-format" value="pdf"' in html
    assert 'data-testid="no-runs"' in html


def test_the_job_flow_from_form_to_download(
    planner, world, unit, django_capture_on_commit_callbacks
):
    response = post_run(planner, django_capture_on_commit_callbacks, digits=True)
    run = ReportRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reports:run_detail", args=[run.pk])
    assert (run.user, run.organization, run.format, run.thai_digits, run.language) == (
        world.planner,
        world.own,
        "pdf",
        True,
        "th",
    )
    page = planner.get(response.url).content.decode()
    main = page[page.index("<main") :]  # the navbar's notifications bell polls on its own
    assert 'data-status="done"' in main and "hx-trigger" not in main
    assert reverse("reports:run_download", args=[run.pk]) in page
    download = planner.get(reverse("reports:run_download", args=[run.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert run.filename in download["Content-Disposition"]
    assert download["Content-Disposition"].startswith("attachment")
    assert "กองยุทธศาสตร์และแผนงาน" in pdf_text(b"".join(download.streaming_content))


def test_the_xlsx_download_has_the_excel_content_type(
    planner, world, django_capture_on_commit_callbacks
):
    post_run(planner, django_capture_on_commit_callbacks, fmt="xlsx")
    run = ReportRun.objects.get()
    download = planner.get(reverse("reports:run_download", args=[run.pk]))
    assert download["Content-Type"].endswith("spreadsheetml.sheet")
    assert b"".join(download.streaming_content)[:2] == b"PK"


def test_an_unfinished_run_polls_itself_with_htmx(planner, world):
    run = ReportRun.objects.create(
        user=world.planner,
        organization=world.own,
        report="org-directory",
        options={"org": "OWN"},
        format="pdf",
        status="running",
        progress=40,
        message="กำลังจัดรูปแบบเอกสาร",
    )
    url = reverse("reports:run_detail", args=[run.pk])
    page = planner.get(url).content.decode()
    assert "<html" in page and 'hx-trigger="every 1s"' in page and f'hx-get="{url}"' in page
    fragment = planner.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and 'aria-valuenow="40"' in fragment
    assert "width: 40%" in fragment and "กำลังจัดรูปแบบเอกสาร" in fragment
    boosted = planner.get(url, headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "<html" in boosted.content.decode()
    assert planner.get(reverse("reports:run_download", args=[run.pk])).status_code == 404


def test_other_users_get_404_for_a_run_and_its_file(
    client, planner, world, django_capture_on_commit_callbacks
):
    post_run(planner, django_capture_on_commit_callbacks)
    run = ReportRun.objects.get()
    for user in (world.viewer, world.outsider):
        client.login(username=user.username, password=PASSWORD)
        assert client.get(reverse("reports:run_detail", args=[run.pk])).status_code == 404
        assert client.get(reverse("reports:run_download", args=[run.pk])).status_code == 404
        assert run.filename not in client.get(reverse("reports:run_list")).content.decode()
    client.login(username=world.superuser.username, password=PASSWORD)
    assert client.get(reverse("reports:run_download", args=[run.pk])).status_code == 200


def test_wrong_methods_are_refused(planner):
    assert planner.post(reverse("reports:index")).status_code == 405
    assert planner.get(reverse("reports:run_create", args=["org-directory"])).status_code == 405


def test_a_bad_format_or_report_creates_nothing(planner, django_capture_on_commit_callbacks):
    response = post_run(planner, django_capture_on_commit_callbacks, fmt="docx")
    assert response.status_code == 400
    assert 'data-testid="form-errors"' in response.content.decode()
    url = reverse("reports:run_create", args=["no-such-report"])
    assert planner.post(url, {"no-such-report-format": "pdf"}).status_code == 404
    assert not ReportRun.objects.exists()


def test_a_user_without_organisation_is_asked_to_choose_one(client, world):
    from phaen.core.testing import make_person

    make_person(world.own, username="loner")
    client.login(username="loner", password=PASSWORD)
    assert 'data-testid="no-organization"' in client.get(reverse("reports:index")).content.decode()
    response = client.post(
        reverse("reports:run_create", args=["org-directory"]), {"org-directory-format": "pdf"}
    )
    assert response.status_code == 404


def queries_for(client, url) -> tuple[int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def add_runs(world, user, count):
    for _i in range(count):
        ReportRun.objects.create(
            user=user,
            organization=world.own,
            report="org-directory",
            options={"org": "OWN"},
            format="xlsx",
            status="done",
        )


# The page shell (session, user, roles, organisation switcher) takes 9 queries; the runs
# are one more. The count must be the same for 2 runs and for 30.
PAGE_QUERIES = 10


@pytest.mark.parametrize("url_name", ["reports:run_list", "reports:index"])
def test_the_run_lists_take_a_fixed_number_of_queries(planner, world, url_name):
    add_runs(world, world.viewer, 3)  # someone else's: never listed
    add_runs(world, world.planner, 2)
    small, small_html = queries_for(planner, reverse(url_name))
    add_runs(world, world.planner, 28)
    large, large_html = queries_for(planner, reverse(url_name))
    assert small == large == PAGE_QUERIES
    shown = 30 if url_name == "reports:run_list" else 5
    assert small_html.count('<a href="/reports/runs/') == 2
    assert large_html.count('<a href="/reports/runs/') == shown


def test_operators_can_read_runs_in_the_admin(client, world):
    run = ReportRun.objects.create(
        user=world.planner,
        organization=world.own,
        report="org-directory",
        options={"org": "OWN"},
        format="pdf",
        status="failed",
        error="Traceback: boom",
    )
    client.login(username=world.superuser.username, password=PASSWORD)
    assert client.get(reverse("admin:reports_reportrun_changelist")).status_code == 200
    page = client.get(reverse("admin:reports_reportrun_change", args=[run.pk]))
    assert page.status_code == 200 and "Traceback: boom" in page.content.decode()


def test_a_report_the_organisation_cannot_print_is_refused_with_its_reason(planner, world):
    response = planner.post(
        reverse("reports:run_create", args=["p02"]), {"p02-format": "pdf"}, follow=True
    )
    assert response.status_code == 200
    assert not ReportRun.objects.exists()
    assert "alert-danger" in response.content.decode()
