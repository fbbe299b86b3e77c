"""Evidence files through the API: uploaded as multipart/form-data by whoever writes the
report, photos stored upright, small and without EXIF/GPS, damaged photos refused naming
the file with nothing stored, removal only while the report is a draft."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from phaen.api.testing import bearer_client, error_fields
from phaen.monitoring import services
from phaen.monitoring.images import phone_jpeg, png
from phaen.monitoring.models import Evidence
from phaen.monitoring.tests.conftest import month

pytestmark = pytest.mark.django_db
URL = "/api/v1/evidence/"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def owner(world):
    return world.role_users["project_owner"]


@pytest.fixture
def report(good, owner):
    return services.report_save(project=good, period=month(good.plan, "2567-10"), by=owner)


def stored_files(media) -> list:
    return sorted(p for p in media.rglob("*") if p.is_file())


def upload(client, report, name, data, content_type, caption=""):
    return client.post(
        URL,
        {
            "report": report.pk,
            "file": SimpleUploadedFile(name, data, content_type=content_type),
            "caption": caption,
        },
        format="multipart",
    )


def stored_image(evidence_id) -> Image.Image:
    evidence = Evidence.objects.get(pk=evidence_id)
    with evidence.file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
    image.load()
    return image


def test_a_phone_photo_is_stored_upright_small_and_without_its_exif_or_gps(world, report, owner):
    sent = phone_jpeg(3000, 2250, orientation=6)  # a landscape sensor image of a portrait
    assert Image.open(io.BytesIO(sent)).getexif().get_ifd(0x8825)  # it does carry a GPS location

    response = upload(bearer_client(owner), report, "IMG_0001.JPG", sent, "image/jpeg", "หมู่ 3")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["report"] == report.pk and body["kind"] == "photo" and body["caption"] == "หมู่ 3"
    assert body["name"].endswith(".jpg")
    image = stored_image(body["id"])
    assert image.format == "JPEG"
    assert image.size == (1500, 2000)  # turned upright (portrait), longest side 2000
    assert not image.getexif() and "exif" not in image.info  # no orientation, camera, GPS
    assert "icc_profile" not in image.info and "comment" not in image.info
    red, green, blue = image.getpixel((image.width - 20, 20))  # the corner, now top right
    assert red > 200 and green < 90 and blue < 90
    assert image.getpixel((20, 20))[2] > 150  # top left is the blue of the rest


def test_a_png_stays_a_png_without_its_text_and_exif(world, report, owner):
    picture = Image.new("RGBA", (2400, 1200), (30, 160, 60, 255))
    exif = Image.Exif()
    exif[0x010F] = "PhaenPhone"  # Make
    text = PngInfo()
    text.add_text("Location", "13.7563 N, 100.5018 E")
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", pnginfo=text, exif=exif.tobytes())

    response = upload(bearer_client(owner), report, "map.png", buffer.getvalue(), "image/png")

    assert response.status_code == 201, response.json()
    assert response.json()["kind"] == "photo" and response.json()["name"].endswith(".png")
    image = stored_image(response.json()["id"])
    assert image.format == "PNG" and image.size == (2000, 1000) and image.mode == "RGBA"
    assert "Location" not in image.info and not image.getexif()


def test_a_pdf_is_stored_unchanged_as_a_document(world, report, owner):
    response = upload(bearer_client(owner), report, "minutes.pdf", PDF, "application/pdf")

    assert response.status_code == 201, response.json()
    evidence = Evidence.objects.get(pk=response.json()["id"])
    assert evidence.kind == "document"
    with evidence.file.open("rb") as handle:
        assert handle.read() == PDF


def test_the_file_is_downloaded_through_the_api_by_whoever_reads_the_evidence(world, report, owner):
    response = upload(bearer_client(owner), report, "minutes.pdf", PDF, "application/pdf")
    link = response.json()["file"]
    assert link.endswith(f"{URL}{response.json()['id']}/file/") and "/media/" not in link
    download = bearer_client(world.viewer).get(link)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert bearer_client(world.outsider).get(link).status_code == 404


def test_a_damaged_photo_is_refused_naming_the_file_and_nothing_is_stored(
    world, report, owner, media
):
    before = stored_files(media)
    corrupt = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x13\x37 not a picture " * 200
    truncated = phone_jpeg(800, 600)[:3000]
    client = bearer_client(owner)
    for name, data in (("visit.jpg", corrupt), ("cut.jpg", truncated)):
        response = upload(client, report, name, data, "image/jpeg")
        assert response.status_code == 400
        fields = error_fields(response)
        assert list(fields) == ["file"] and name in fields["file"][0]
        assert "could not be opened as a photo" in fields["file"][0]
    assert not Evidence.objects.exists()
    assert stored_files(media) == before


def test_other_files_and_too_large_ones_are_refused_naming_the_file(world, report, owner):
    client = bearer_client(owner)
    response = upload(client, report, "notes.txt", b"just some text", "text/plain")
    assert response.status_code == 400
    assert "notes.txt is not a photo" in error_fields(response)["file"][0]
    big = b"%PDF-1.4\n" + b"0" * services.MAX_EVIDENCE_BYTES
    response = upload(client, report, "big.pdf", big, "application/pdf")
    assert response.status_code == 400
    assert "big.pdf is larger than 10 MB" in error_fields(response)["file"][0]
    response = client.post(URL, {"report": report.pk}, format="multipart")
    assert response.status_code == 400 and "file" in error_fields(response)
    response = upload(client, report, "a.pdf", PDF, "application/pdf", caption="x\x00y")
    assert response.status_code == 400 and "caption" in error_fields(response)
    assert not Evidence.objects.exists()


def test_the_endpoint_takes_multipart_only(world, report, owner):
    response = bearer_client(owner).post(URL, {"report": report.pk}, format="json")
    assert response.status_code == 415


def test_a_submitted_report_takes_no_evidence_and_keeps_what_it_has(world, report, owner):
    client = bearer_client(owner)
    kept = upload(client, report, "visit.png", png(), "image/png").json()["id"]
    services.report_save(
        project=report.project, period=report.period, by=owner, status="in_progress", percent=30
    )
    services.report_submit(report=report, by=owner)

    response = upload(client, report, "more.png", png(), "image/png")
    assert response.status_code == 400
    assert "draft" in error_fields(response)["file"][0]
    response = client.delete(f"{URL}{kept}/")
    assert response.status_code == 400 and "file" in error_fields(response)
    assert list(Evidence.objects.values_list("pk", flat=True)) == [kept]


def test_only_the_reports_writers_upload_and_delete(world, report, owner):
    evidence_id = upload(bearer_client(owner), report, "v.png", png(), "image/png").json()["id"]
    # same organisation, may read but not write the report: 403
    viewer = bearer_client(world.viewer)
    assert viewer.get(f"{URL}{evidence_id}/").status_code == 200
    assert upload(viewer, report, "v.png", png(), "image/png").status_code == 403
    assert viewer.delete(f"{URL}{evidence_id}/").status_code == 403
    # another organisation does not see the report: "unknown report", and a 404
    outsider = bearer_client(world.outsider)
    response = upload(outsider, report, "v.png", png(), "image/png")
    assert response.status_code == 400 and list(error_fields(response)) == ["report"]
    assert outsider.delete(f"{URL}{evidence_id}/").status_code == 404
    # a planner of the organisation writes every report
    assert (
        upload(bearer_client(world.planner), report, "p.pdf", PDF, "application/pdf").status_code
        == 201
    )
    assert Evidence.objects.count() == 2


def test_delete_on_a_draft_removes_the_record_and_then_its_file(
    world, report, owner, media, django_capture_on_commit_callbacks
):
    client = bearer_client(owner)
    evidence_id = upload(client, report, "v.png", png(), "image/png").json()["id"]
    name = Evidence.objects.get(pk=evidence_id).file.name
    assert default_storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(f"{URL}{evidence_id}/")

    assert response.status_code == 204
    assert not Evidence.objects.exists()
    assert not default_storage.exists(name)
    assert Evidence.history.filter(id=evidence_id, history_type="-").get().history_user == owner


def test_the_list_runs_a_fixed_number_of_queries(world, report, owner, django_assert_num_queries):
    # token and user, the user's roles and organisations (4), count, page: whatever the count
    client = bearer_client(owner)
    reader = bearer_client(world.viewer)
    for expected in (1, 4):
        while Evidence.objects.count() < expected:
            upload(client, report, "v.png", png(16, 12), "image/png")
        with django_assert_num_queries(7):
            response = reader.get(URL, {"report": report.pk})
        assert response.json()["count"] == expected
