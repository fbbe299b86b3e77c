"""The QR code and the printable sheet (HTML and PDF) carry the survey's public link."""

import pytest
from django.test import Client
from django.urls import reverse

from phaen.core.testing import PASSWORD
from phaen.reports.registry import ReportError
from phaen.reports.tests.pdf_text import pdf_text
from phaen.surveys.reports import SurveySheetReport, render_sheet_pdf

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_detail_page_shows_a_qr_svg_of_the_public_url(world, survey):
    page = _client(world.viewer).get(reverse("surveys:survey_detail", args=[survey.pk]))
    html = page.content.decode()
    url = f"http://testserver/surveys/r/{survey.token}/"
    assert f'data-url="{url}"' in html and "<svg" in html and 'class="survey-qr"' in html


def test_print_sheet_names_project_activity_and_link(world, survey):
    html = (
        _client(world.viewer)
        .get(reverse("surveys:survey_sheet", args=[survey.pk]))
        .content.decode()
    )
    assert survey.project.name in html and survey.activity.name in html
    assert f"/surveys/r/{survey.token}/" in html and "<svg" in html


def test_sheet_pdf_prints_the_title_activity_and_link(world, survey):
    response = _client(world.viewer).get(reverse("surveys:survey_sheet_pdf", args=[survey.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert survey.title in text and survey.activity.name in text
    assert survey.token in text.replace("\n", "")


def test_sheet_builder_checks_access_and_the_site_address(world, survey):
    report = SurveySheetReport()
    with pytest.raises(ReportError):
        report.build(user=world.outsider, survey=survey.pk, base_url="https://x.example")
    with pytest.raises(ReportError):
        report.build(user=world.viewer, survey=survey.pk, base_url="x.example")
    data = report.build(user=world.viewer, survey=survey.pk, base_url="https://x.example/")
    assert data.url == f"https://x.example/surveys/r/{survey.token}/"
    assert render_sheet_pdf(report, data).startswith(b"%PDF")
