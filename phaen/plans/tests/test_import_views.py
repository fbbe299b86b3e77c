"""The import pages as users meet them: upload → preview (rows, errors naming sheet, row and
column) → confirm saves everything or nothing; the signed token of the waiting upload;
roles (viewer 403, outsider 404), frozen plans; the ผด.02 sheet; template and export."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from phaen.conftest import ARTIFACTS
from phaen.core.testing import PASSWORD
from phaen.organizations.models import Unit
from phaen.plans import services
from phaen.plans.models import Activity, AnnualPlan, BudgetLine, Project, Risk
from phaen.plans.tests.conftest import add_project
from phaen.plans.tests.test_excel import as_file, good_workbook, make_refs
from phaen.plans.views import imports as views

pytestmark = pytest.mark.django_db
SHEETS = Path(__file__).parent / "sheets"
PD02 = SHEETS / "pd02_sao_shaded.xlsx"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    with translation.override("en"):
        yield tmp_path / "imports"


@pytest.fixture
def refs(world):
    return make_refs(world)


def login(client, user, org, year=2568):
    client.force_login(user)
    session = client.session
    session["phaen_org_id"] = org.pk
    session["phaen_fiscal_year"] = year
    session.save()
    client.cookies["django_language"] = "en"  # messages are asserted in English
    return client


def upload(wb_or_path, name="projects.xlsx"):
    if isinstance(wb_or_path, Path):
        data = wb_or_path.read_bytes()
        name = wb_or_path.name
    else:
        data = as_file(wb_or_path).getvalue()
    file = io.BytesIO(data)
    file.name = name
    return file


def token_of(response) -> str:
    return response.context["token"]


@pytest.fixture
def empty_plan(world, strategic):
    return services.plan_create(
        organization=world.own,
        kind="operational_plan",
        fiscal_year=2568,
        multi_year_plan=strategic,
        by=world.planner,
    )


# --- the project template -----------------------------------------------------------------
def test_it_previews_then_creates_the_projects_on_confirm(client, world, empty_plan, refs, media):
    login(client, world.planner, world.own)
    url = reverse("plans:import_projects", args=[empty_plan.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert reverse("plans:import_projects_template", args=[empty_plan.pk]) in page.text

    preview = client.post(url, {"file": upload(good_workbook(empty_plan))})
    assert preview.status_code == 200
    assert preview.text.count('data-testid="import-row"') == 2
    assert "โครงการพัฒนาทักษะอาชีพ" in preview.text and "กลุ่มงานยุทธศาสตร์" in preview.text
    assert 'data-testid="import-errors"' not in preview.text
    assert 'data-testid="import-confirm"' in preview.text
    assert not Project.objects.exists()  # nothing saved before the confirmation
    [waiting] = list(media.glob("plans-*.xlsx"))

    confirm = reverse("plans:import_projects_confirm", args=[empty_plan.pk])
    response = client.post(confirm, {"token": token_of(preview)})
    assert response.status_code == 302
    assert response.url == reverse("plans:plan_detail", args=[empty_plan.pk])
    assert empty_plan.projects.count() == 2
    assert Activity.objects.filter(project__plan=empty_plan).count() == 2
    assert Risk.objects.filter(project__plan=empty_plan).count() == 2
    assert BudgetLine.objects.filter(project__plan=empty_plan).count() == 3
    assert empty_plan.projects.get(code="P-01").history.first().history_user == world.planner
    assert not waiting.exists()  # the upload is deleted once saved

    again = client.post(confirm, {"token": token_of(preview)})  # a second click
    assert again.status_code == 400 and empty_plan.projects.count() == 2


def test_a_workbook_with_errors_shows_them_and_offers_no_confirmation(
    client, world, empty_plan, refs, media
):
    login(client, world.planner, world.own)
    wb = good_workbook(empty_plan)
    wb["โครงการ"]["K2"] = 9
    wb["งบประมาณ"]["C3"] = "เงินจากฟ้า"
    url = reverse("plans:import_projects", args=[empty_plan.pk])
    preview = client.post(url, {"file": upload(wb)})
    assert preview.status_code == 200
    cells = [e.cell for e in preview.context["errors"]]
    assert cells == ["K2", "C3"]
    assert 'data-cell="โครงการ!K2"' in preview.text and 'data-cell="งบประมาณ!C3"' in preview.text
    assert "is not a budget source" in preview.text
    assert 'data-testid="import-confirm"' not in preview.text and preview.context["token"] == ""
    assert not media.exists() or not list(media.glob("plans-*.xlsx"))  # nothing kept
    assert not Project.objects.exists()


def test_it_refuses_a_file_that_is_not_xlsx_or_not_a_workbook(client, world, empty_plan):
    login(client, world.planner, world.own)
    url = reverse("plans:import_projects", args=[empty_plan.pk])
    csv = io.BytesIO(b"a,b")
    csv.name = "projects.csv"
    response = client.post(url, {"file": csv})
    assert response.status_code == 200 and response.context["form"].errors["file"]
    broken = io.BytesIO(b"not a workbook")
    broken.name = "projects.xlsx"
    response = client.post(url, {"file": broken})
    assert "not an Excel workbook" in response.text and not Project.objects.exists()


def test_a_tampered_token_is_refused_and_saves_nothing(client, world, empty_plan, refs, media):
    login(client, world.planner, world.own)
    url = reverse("plans:import_projects", args=[empty_plan.pk])
    token = token_of(client.post(url, {"file": upload(good_workbook(empty_plan))}))
    confirm = reverse("plans:import_projects_confirm", args=[empty_plan.pk])
    claims = signing.loads(token, salt=views.SALT)
    forged = signing.dumps({**claims, "t": "../../settings"}, salt="another salt")
    for bad in (token[:-2] + "xx", forged, "", "../../etc/passwd"):
        response = client.post(confirm, {"token": bad})
        assert response.status_code == 400, bad
        assert "could not be verified" in response.text
    assert not Project.objects.exists()


def test_a_token_for_another_plan_or_user_is_refused(client, world, empty_plan, annual, refs):
    login(client, world.planner, world.own)
    url = reverse("plans:import_projects", args=[empty_plan.pk])
    token = token_of(client.post(url, {"file": upload(good_workbook(empty_plan))}))
    other_plan = reverse("plans:import_projects_confirm", args=[annual.pk])
    assert client.post(other_plan, {"token": token}).status_code == 400
    login(client, world.role_users["org_admin"], world.own)
    confirm = reverse("plans:import_projects_confirm", args=[empty_plan.pk])
    assert client.post(confirm, {"token": token}).status_code == 400
    assert not empty_plan.projects.exists() and annual.projects.count() == 3


def test_a_token_older_than_an_hour_is_refused(client, world, empty_plan, refs, monkeypatch):
    login(client, world.planner, world.own)
    url = reverse("plans:import_projects", args=[empty_plan.pk])
    token = token_of(client.post(url, {"file": upload(good_workbook(empty_plan))}))
    later = time.time() + views.MAX_AGE + 5
    monkeypatch.setattr(signing.time, "time", lambda: later)
    confirm = reverse("plans:import_projects_confirm", args=[empty_plan.pk])
    response = client.post(confirm, {"token": token})
    assert response.status_code == 400 and "more than an hour old" in response.text
    assert not Project.objects.exists()


def test_expired_uploads_are_swept_on_the_next_upload(client, world, empty_plan, refs, media):
    login(client, world.planner, world.own)
    media.mkdir(parents=True)
    stale = media / "plans-old.xlsx"
    stale.write_bytes(b"x")
    old = time.time() - views.MAX_AGE - 60
    os.utime(stale, (old, old))
    url = reverse("plans:import_projects", args=[empty_plan.pk])
    client.post(url, {"file": upload(good_workbook(empty_plan))})
    assert not stale.exists() and len(list(media.glob("plans-*.xlsx"))) == 1


def test_a_viewer_gets_403_and_an_outsider_404(client, world, empty_plan, refs):
    url = reverse("plans:import_projects", args=[empty_plan.pk])
    confirm = reverse("plans:import_projects_confirm", args=[empty_plan.pk])
    login(client, world.viewer, world.own)
    assert client.get(url).status_code == 403
    assert client.post(url, {"file": upload(good_workbook(empty_plan))}).status_code == 403
    assert client.post(confirm, {"token": "x"}).status_code == 403
    login(client, world.outsider, world.other)
    assert client.get(url).status_code == 404
    assert client.post(confirm, {"token": "x"}).status_code == 404
    assert client.get(reverse("plans:export_projects", args=[empty_plan.pk])).status_code == 404
    assert not Project.objects.exists()


def test_a_frozen_plan_answers_403_with_the_reason(client, world, annual, refs):
    AnnualPlan.objects.filter(pk=annual.pk).update(state="announced")
    login(client, world.planner, world.own)
    response = client.get(reverse("plans:import_projects", args=[annual.pk]))
    assert response.status_code == 403 and "make a new edition" in response.text
    assert annual.projects.count() == 3


def test_the_confirmation_wants_a_post(client, world, empty_plan):
    login(client, world.planner, world.own)
    url = reverse("plans:import_projects_confirm", args=[empty_plan.pk])
    assert client.get(url).status_code == 405


def test_the_template_downloads_with_its_headers(client, world, empty_plan, refs):
    login(client, world.viewer, world.own)
    response = client.get(reverse("plans:import_projects_template", args=[empty_plan.pk]))
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    wb = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb["โครงการ"][1]][:2] == ["รหัสโครงการ", "ชื่อโครงการ"]
    assert [c.value for c in wb["งบประมาณ"][1]][-12:][0] == "ต.ค."


def test_the_export_holds_the_projects_in_fixed_queries(client, world, annual, refs):
    login(client, world.viewer, world.own)
    url = reverse("plans:export_projects", args=[annual.pk])
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    for n in range(5):
        add_project(annual, f"โครงการเพิ่ม {n}", 1000)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    wb = load_workbook(io.BytesIO(response.content))
    names = [row[1] for row in wb["โครงการ"].iter_rows(min_row=2, values_only=True)]
    assert names == list(
        annual.projects.order_by("sort_order", "id").values_list("name", flat=True)
    )


# --- ผด.02 --------------------------------------------------------------------------------
def test_a_pd02_sheet_is_previewed_then_added_to_the_operational_plan(client, world, media):
    login(client, world.planner, world.own, year=2568)
    url = reverse("plans:import_pd02")
    assert client.get(url).status_code == 200
    preview = client.post(url, {"file": upload(PD02)})
    assert preview.status_code == 200
    result = preview.context["result"]
    assert result.projects and not preview.context["errors"]
    assert preview.text.count('data-testid="import-row"') == len(result.projects)
    assert result.projects[0].name in preview.text
    assert preview.context["new_units"] == result.units  # world.own has no units yet
    assert preview.text.count('data-testid="new-unit"') == len(result.units)
    assert not AnnualPlan.objects.exists() and not Unit.objects.exists()

    response = client.post(reverse("plans:import_pd02_confirm"), {"token": token_of(preview)})
    plan = AnnualPlan.objects.get(organization=world.own, fiscal_year=2568)
    assert response.status_code == 302
    assert response.url == reverse("plans:plan_detail", args=[plan.pk])
    assert plan.kind == "operational_plan" and plan.projects.count() == len(result.projects)
    total = sum(line.amount for line in BudgetLine.objects.filter(project__plan=plan))
    assert total == result.total_budget
    assert set(
        Unit.objects.filter(organization=world.own).values_list("name_th", flat=True)
    ) == set(result.units)
    assert not list(media.glob("plans-*.xlsx"))


def test_a_pd02_sheet_of_another_year_shows_the_error_and_saves_nothing(client, world):
    login(client, world.planner, world.own, year=2570)
    preview = client.post(reverse("plans:import_pd02"), {"file": upload(PD02)})
    assert preview.status_code == 200 and preview.context["errors"]
    assert preview.context["errors"][0].row is not None  # names the header cell
    assert 'data-testid="import-confirm"' not in preview.text
    assert not AnnualPlan.objects.exists()


def test_a_pd02_token_is_bound_to_the_working_year(client, world):
    login(client, world.planner, world.own, year=2568)
    token = token_of(client.post(reverse("plans:import_pd02"), {"file": upload(PD02)}))
    login(client, world.planner, world.own, year=2569)
    response = client.post(reverse("plans:import_pd02_confirm"), {"token": token})
    assert response.status_code == 400 and not AnnualPlan.objects.exists()


def test_pd02_pages_refuse_a_viewer_and_a_frozen_operational_plan(client, world):
    login(client, world.viewer, world.own)
    assert client.get(reverse("plans:import_pd02")).status_code == 403
    assert client.post(reverse("plans:import_pd02"), {"file": upload(PD02)}).status_code == 403
    plan = services.plan_create(
        organization=world.own, kind="operational_plan", fiscal_year=2568, by=world.planner
    )
    AnnualPlan.objects.filter(pk=plan.pk).update(state="approved")
    login(client, world.planner, world.own)
    response = client.get(reverse("plans:import_pd02"))
    assert response.status_code == 403 and "new edition" in response.text
    assert not Project.objects.exists()


# --- in a browser -------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_planner_uploads_the_template_checks_the_preview_and_confirms(
    live_server, world, page, tmp_path, strategic
):
    plan = services.plan_create(
        organization=world.own, kind="action_plan", fiscal_year=2568, multi_year_plan=strategic
    )
    make_refs(world)
    path = tmp_path / "projects.xlsx"
    good_workbook(plan).save(path)
    page.goto(f"{live_server.url}{reverse('login')}")
    page.fill("#id_username", world.planner.username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(live_server.url + reverse("plans:import_projects", args=[plan.pk]))
    page.set_input_files("#id_file", str(path))
    page.click("[data-testid=import-upload]")
    page.wait_for_selector("[data-testid=import-preview]")
    assert page.locator("[data-testid=import-row]").count() == 2
    (ARTIFACTS / "screens").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "screens" / "plans-import-preview.png"), full_page=True)
    page.click("[data-testid=import-confirm]")
    page.wait_for_url(live_server.url + reverse("plans:plan_detail", args=[plan.pk]))
    assert "โครงการพัฒนาทักษะอาชีพ" in page.content()
    assert plan.projects.count() == 2
