"""The evidence file of an indicator result through the API (POST multipart ``file`` to
attach or replace, DELETE to remove at ``indicator-results/{id}/evidence/``) and on the
result's page: the same checks as a progress report's evidence, a locked period refused."""

import io
from decimal import Decimal as D

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from phaen.api.testing import bearer_client, error_fields
from phaen.monitoring.images import phone_jpeg
from phaen.monitoring.services import period_lock
from phaen.performance import services
from phaen.performance.models import IndicatorResult

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\ntrailer <<>>\n%%EOF\n"
CORRUPT = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"garbage after the JPEG marker " * 100


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def result(world, sp, q):
    return services.result_record(indicator=sp["a"], period=q("Q1"), actual=D(70), by=world.planner)


def url(result) -> str:
    return f"/api/v1/indicator-results/{result.pk}/evidence/"


def send(client, result, name, data, content_type="application/octet-stream"):
    return client.post(
        url(result),
        {"file": SimpleUploadedFile(name, data, content_type=content_type)},
        format="multipart",
    )


def stored_files(media) -> list:
    return sorted(p for p in media.rglob("*") if p.is_file())


def test_a_phone_photo_is_attached_upright_small_without_exif_and_can_be_replaced(
    world, result, media, django_capture_on_commit_callbacks
):
    client = bearer_client(world.planner)
    response = send(client, result, "IMG_2041.jpeg", phone_jpeg(4000, 3000), "image/jpeg")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["id"] == result.pk and body["actual"] == "70.0000"
    assert body["evidence"].endswith(f"/api/v1/indicator-results/{result.pk}/evidence/file/")
    result.refresh_from_db()
    assert result.evidence.name.endswith(".jpg")
    photo_name = result.evidence.name
    with result.evidence.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
    assert image.size == (1500, 2000)  # portrait once upright, longest side 2000
    assert not image.getexif() and "exif" not in image.info
    assert result.history.latest().history_user == world.planner

    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, result, "minutes.pdf", PDF, "application/pdf")
    assert response.status_code == 200, response.json()
    result.refresh_from_db()
    with result.evidence.open("rb") as handle:
        assert handle.read() == PDF  # a PDF is kept as sent
    assert not default_storage.exists(photo_name)  # the replaced photo is gone
    assert len(stored_files(media)) == 1


def test_a_damaged_photo_or_another_file_is_a_400_naming_file_and_nothing_changes(
    world, result, media
):
    client = bearer_client(world.planner)
    for name, data, words in (
        ("scan.jpg", CORRUPT, "could not be opened as a photo"),
        ("sheet.xlsx", b"PK\x03\x04 a spreadsheet", "is not a photo"),
        ("huge.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "larger than 10 MB"),
    ):
        response = send(client, result, name, data)
        assert response.status_code == 400
        fields = error_fields(response)
        assert list(fields) == ["file"] and name in fields["file"][0] and words in fields["file"][0]
    response = client.post(url(result), {}, format="multipart")
    assert response.status_code == 400 and list(error_fields(response)) == ["file"]
    result.refresh_from_db()
    assert not result.evidence
    assert stored_files(media) == []


def test_a_locked_period_refuses_attaching_and_removing(world, result, q):
    client = bearer_client(world.planner)
    assert send(client, result, "minutes.pdf", PDF).status_code == 200
    period_lock(period=q("Q1"), by=world.planner)

    response = send(client, result, "other.pdf", PDF)
    assert response.status_code == 400 and "period" in error_fields(response)
    response = client.delete(url(result))
    assert response.status_code == 400 and "locked" in error_fields(response)["period"][0]
    result.refresh_from_db()
    assert result.evidence.name.endswith("minutes.pdf")


def test_delete_removes_the_file_and_is_idempotent(
    world, result, django_capture_on_commit_callbacks
):
    client = bearer_client(world.planner)
    send(client, result, "minutes.pdf", PDF)
    result.refresh_from_db()
    name = result.evidence.name

    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(url(result)).status_code == 204
    result.refresh_from_db()
    assert not result.evidence and not default_storage.exists(name)
    assert result.actual == D(70)  # the result itself stays
    assert client.delete(url(result)).status_code == 204
    assert client.get(f"/api/v1/indicator-results/{result.pk}/").json()["evidence"] is None


def test_readers_get_403_and_other_organisations_404(world, result):
    for user, status in ((world.viewer, 403), (world.role_users["executive"], 403)):
        client = bearer_client(user)
        assert send(client, result, "minutes.pdf", PDF).status_code == status
        assert client.delete(url(result)).status_code == status
    outsider = bearer_client(world.outsider)
    assert send(outsider, result, "minutes.pdf", PDF).status_code == 404
    assert outsider.delete(url(result)).status_code == 404
    result.refresh_from_db()
    assert not result.evidence


def test_the_results_page_applies_the_same_checks(client, world, sp, media):
    client.force_login(world.planner)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"  # the language switch
    page = reverse("performance:result_edit", args=[sp["b"].pk, "Q2"])
    assert 'accept="image/*,application/pdf"' in client.get(page).content.decode()

    refused = client.post(
        page,
        {"actual": "5", "evidence": SimpleUploadedFile("scan.jpg", CORRUPT, "image/jpeg")},
    )
    assert refused.status_code == 400
    assert "scan.jpg could not be opened as a photo" in refused.content.decode()
    assert not IndicatorResult.objects.filter(indicator=sp["b"]).exists()
    assert stored_files(media) == []

    photo = SimpleUploadedFile("visit.jpg", phone_jpeg(1600, 1200), "image/jpeg")
    assert client.post(page, {"actual": "5", "evidence": photo}).status_code == 302
    saved = IndicatorResult.objects.get(indicator=sp["b"])
    with saved.evidence.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
    assert image.size == (1200, 1600) and not image.getexif()  # upright, not scaled


def test_the_file_is_downloaded_with_the_results_access_on_the_api_and_the_page(
    world, result, client
):
    none = bearer_client(world.planner).get(f"{url(result)}file/")
    assert none.status_code == 404 and none["Content-Type"].startswith("application/json")
    send(bearer_client(world.planner), result, "minutes.pdf", PDF, "application/pdf")
    link = bearer_client(world.planner).get(f"/api/v1/indicator-results/{result.pk}/").json()
    download = bearer_client(world.viewer).get(link["evidence"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert bearer_client(world.outsider).get(link["evidence"]).status_code == 404
    page = reverse("performance:result_evidence", args=[result.pk])
    assert "/media/" not in page
    client.force_login(world.viewer)
    assert b"".join(client.get(page).streaming_content) == PDF
    client.force_login(world.outsider)
    assert client.get(page).status_code == 404
