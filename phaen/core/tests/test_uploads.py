"""Evidence uploads (phaen.core.uploads): photos really decoded, turned upright, scaled to
2000 px and stripped of metadata; PDFs kept as sent; everything else, damaged photos and
decompression bombs refused naming the file under the caller's field."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, ImageCms

from phaen.core.uploads import MAX_SIDE, check_evidence
from phaen.monitoring.images import _chunk, phone_jpeg, png


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def upload(name, data):
    return SimpleUploadedFile(name, data)


def opened(checked) -> Image.Image:
    checked.file.seek(0)
    image = Image.open(io.BytesIO(checked.file.read()))
    image.load()
    return image


def saved(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def is_red(pixel) -> bool:
    return pixel[0] > 200 and pixel[1] < 90 and pixel[2] < 90


@pytest.mark.parametrize(
    ("orientation", "size", "red_corner"),
    [
        (1, (800, 600), "top_left"),  # upright already
        (3, (800, 600), "bottom_right"),  # upside down
        (6, (600, 800), "top_right"),  # turn 90° clockwise
        (8, (600, 800), "bottom_left"),  # turn 90° anticlockwise
    ],
)
def test_a_phone_photo_is_turned_upright_by_its_exif(orientation, size, red_corner):
    checked = check_evidence(upload("IMG.JPG", phone_jpeg(800, 600, orientation=orientation)))
    image = opened(checked)
    assert checked.kind == "photo" and checked.name == "IMG.jpg"
    assert image.size == size
    w, h = image.size
    corners = {
        "top_left": (5, 5),
        "top_right": (w - 6, 5),
        "bottom_left": (5, h - 6),
        "bottom_right": (w - 6, h - 6),
    }
    assert [name for name, xy in corners.items() if is_red(image.getpixel(xy))] == [red_corner]


def test_exif_with_the_gps_location_and_the_camera_is_gone():
    sent = phone_jpeg(1200, 900)
    assert Image.open(io.BytesIO(sent)).getexif().get_ifd(0x8825)  # GPS IFD present
    checked = check_evidence(upload("IMG.JPG", sent))
    checked.file.seek(0)
    data = checked.file.read()
    image = Image.open(io.BytesIO(data))
    assert not image.getexif() and "exif" not in image.info
    assert b"Exif" not in data and b"PhaenPhone" not in data


def test_the_longest_side_becomes_at_most_2000_px_and_small_photos_keep_their_size():
    big = opened(check_evidence(upload("wide.jpg", phone_jpeg(5000, 1000, orientation=1))))
    assert big.size == (MAX_SIDE, 400)
    small = opened(check_evidence(upload("small.png", png(120, 90))))
    assert small.size == (120, 90) and small.format == "PNG"


def test_a_colour_profile_is_applied_then_dropped():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    sent = saved(Image.new("RGB", (64, 64), (10, 200, 30)), "JPEG", icc_profile=srgb)
    image = opened(check_evidence(upload("p3.jpg", sent)))
    assert "icc_profile" not in image.info
    assert image.getpixel((32, 32))[1] > 180  # still green


def test_formats_kept_or_converted_as_documented():
    transparent = Image.new("RGBA", (40, 30), (0, 0, 255, 0))
    cases = [
        ("a.gif", saved(Image.new("P", (40, 30), 3), "GIF"), "PNG", "a.png"),
        ("b.webp", saved(Image.new("RGB", (40, 30), (9, 9, 9)), "WEBP"), "JPEG", "b.jpg"),
        ("c.webp", saved(transparent, "WEBP", lossless=True), "PNG", "c.png"),
        ("d.png", saved(transparent, "PNG"), "PNG", "d.png"),
        ("scan", saved(Image.new("L", (40, 30), 128), "JPEG"), "JPEG", "scan.jpg"),
    ]
    for name, data, fmt, stored_name in cases:
        checked = check_evidence(upload(name, data))
        image = opened(checked)
        assert (image.format, checked.name) == (fmt, stored_name), name
    assert opened(check_evidence(upload("c.webp", cases[2][1]))).getpixel((1, 1))[3] == 0


def test_a_pdf_is_returned_unchanged():
    pdf = b"%PDF-1.4\n%%EOF\n"
    checked = check_evidence(upload("minutes.pdf", pdf))
    checked.file.seek(0)
    assert checked.kind == "document" and checked.file.read() == pdf


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"garbage" * 50, "could not be opened as a photo"),
        ("cut.jpg", phone_jpeg(400, 300)[:1500], "could not be opened as a photo"),
        ("bad.png", png(20, 20)[:-20] + b"\x00" * 20, "could not be opened as a photo"),
        ("fake.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 20, "could not be opened"),
        ("photo.jpg", b"not an image at all", "is not a photo (JPEG, PNG, GIF, WebP) or a PDF"),
        ("run.exe", b"MZ\x90\x00", "is not a photo"),
    ],
)
def test_what_is_not_a_real_photo_or_pdf_is_refused_naming_the_file(name, data, words):
    with pytest.raises(ValidationError) as error:
        check_evidence(upload(name, data), field="evidence")
    message = error.value.message_dict["evidence"][0]
    assert message.startswith(name) and words in message


def test_more_than_10_mb_is_refused():
    big = upload("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        check_evidence(big)
    assert error.value.message_dict["file"] == ["big.pdf is larger than 10 MB."]


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG announcing ``width`` × ``height`` pixels with almost no data (a bomb's shape)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )


def test_a_decompression_bomb_is_a_validation_error_not_a_crash():
    with pytest.raises(ValidationError) as error:
        check_evidence(upload("bomb.png", _png_header_only(60000, 60000)))
    message = error.value.message_dict["file"][0]
    assert message == "bomb.png has too many pixels (3600 million; at most 89.5 million)."


def test_above_pillows_limit_is_refused_even_where_pillow_only_warns(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 2_000_000)
    with pytest.warns(Image.DecompressionBombWarning), pytest.raises(ValidationError) as error:
        check_evidence(upload("wide.jpg", phone_jpeg(1800, 1500)))  # 2.7 megapixels
    assert "wide.jpg has too many pixels (2.7 million; at most 2 million)" in str(error.value)
