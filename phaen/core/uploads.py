"""Evidence uploads: a photo or a PDF, checked by what the bytes are, not by the file's name.

:func:`check_evidence` is the one gate for every evidence file (monthly progress reports,
indicator results):

* at most 10 MB as uploaded (``MAX_EVIDENCE_BYTES``);
* a **PDF** is recognised by its signature (``%PDF-``) and stored unchanged;
* a **photo** is recognised by its signature (JPEG, PNG, GIF, WebP) and must then really
  decode with Pillow (``Image.open`` + ``verify``, reopened and fully loaded); one that does
  not is refused naming the file. A picture of more than Pillow's ``MAX_IMAGE_PIXELS``
  (about 89 megapixels, Pillow's decompression-bomb limit) is refused too, with the count.
* A photo is then **re-encoded**: turned upright by its EXIF orientation, colours converted
  to sRGB when it carries a colour profile, scaled down so that its longest side is at most
  ``MAX_SIDE`` (2000 px), and saved without any metadata (EXIF with the camera and the GPS
  location — personal data —, XMP, comments, colour profile). JPEG stays JPEG (quality 85),
  PNG stays PNG (optimised); a GIF becomes a PNG (lossless, transparency kept; an animation
  keeps its first frame); a WebP becomes a JPEG, or a PNG when it has transparency. The
  stored file's extension follows its format (``visit.webp`` → ``visit.jpg``).

Errors are Django ``ValidationError``s keyed by the caller's field name (``file`` by default)
and name the file.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps

__all__ = [
    "DOCUMENT",
    "MAX_EVIDENCE_BYTES",
    "MAX_SIDE",
    "PHOTO",
    "CheckedUpload",
    "check_evidence",
    "clean_photo",
    "stored_file_response",
]

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_SIDE = 2000
JPEG_QUALITY = 85
PHOTO = "photo"
DOCUMENT = "document"

# What the bytes of each accepted photo format start with (WebP: RIFF....WEBP).
SIGNATURES = {
    "JPEG": (b"\xff\xd8\xff",),
    "PNG": (b"\x89PNG\r\n\x1a\n",),
    "GIF": (b"GIF87a", b"GIF89a"),
}


@dataclass(frozen=True)
class CheckedUpload:
    """What to store: ``kind`` is ``photo`` or ``document``; ``file`` holds the bytes
    (the re-encoded photo, or the PDF as uploaded) under ``file.name``."""

    kind: str
    file: File

    @property
    def name(self) -> str:
        return self.file.name


class PhotoError(ValueError):
    """The bytes looked like a photo but are not one Phaen can keep: ``pixels`` is set when
    the picture is too large, else it does not decode."""

    def __init__(self, pixels: int | None = None):
        super().__init__(pixels)
        self.pixels = pixels


def photo_format(head: bytes) -> str | None:
    """The photo format announced by the first bytes (``JPEG``, ``PNG``, ``GIF``, ``WEBP``)."""
    for name, signatures in SIGNATURES.items():
        if any(head.startswith(s) for s in signatures):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def check_evidence(upload, *, field: str = "file") -> CheckedUpload:
    """Check an uploaded evidence file and return what to store (see the module docstring).
    Raises ``ValidationError({field: …})`` naming the file."""
    name = PurePath(upload.name or "").name or "evidence"
    if upload.size is not None and upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError({field: _("%(name)s is larger than 10 MB.") % {"name": name}})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return CheckedUpload(DOCUMENT, File(upload, name=name))
    if photo_format(head) is None:
        raise ValidationError(
            {field: _("%(name)s is not a photo (JPEG, PNG, GIF, WebP) or a PDF.") % {"name": name}}
        )
    data = upload.read(MAX_EVIDENCE_BYTES + 1)
    upload.seek(0)
    if len(data) > MAX_EVIDENCE_BYTES:  # the size the client announced was wrong
        raise ValidationError({field: _("%(name)s is larger than 10 MB.") % {"name": name}})
    try:
        content, extension = clean_photo(data)
    except PhotoError as error:
        raise ValidationError({field: _photo_message(name, error)}) from None
    stem = PurePath(name).stem or "photo"
    return CheckedUpload(PHOTO, ContentFile(content, name=f"{stem}.{extension}"))


def clean_photo(data: bytes) -> tuple[bytes, str]:
    """The photo in ``data`` decoded, upright, in sRGB, at most ``MAX_SIDE`` px on its
    longest side and re-encoded without metadata: ``(bytes, extension)``.
    Raises :class:`PhotoError` when it does not decode or has too many pixels."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            _check_pixels(probe)
            probe.verify()  # structure and checksums, without decoding every pixel
        image = Image.open(io.BytesIO(data))  # verify() leaves the image unusable: reopen
        source_format = image.format
        if source_format not in ("JPEG", "PNG", "GIF", "WEBP"):
            raise PhotoError()
        if source_format == "JPEG":
            # Let the decoder scale down by 1/2, 1/4 or 1/8 while it reads: fast, small memory.
            image.draft(image.mode, (MAX_SIDE, MAX_SIDE))
        image.load()
        image = ImageOps.exif_transpose(image)
        image = _to_srgb(image)
        out_format, image = _target(source_format, image)
        if max(image.size) > MAX_SIDE:
            image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        return _encode(image, out_format)
    except PhotoError:
        raise
    except Image.DecompressionBombError as error:
        raise PhotoError(_bomb_pixels(error)) from None
    except MemoryError:
        raise
    except Exception:  # whatever a damaged file makes a decoder raise
        raise PhotoError() from None


def _bomb_pixels(error: Exception) -> int:
    """The pixel count in Pillow's decompression-bomb message (twice the limit if absent)."""
    match = re.search(r"\((\d+) pixels\)", str(error))
    return int(match.group(1)) if match else 2 * (Image.MAX_IMAGE_PIXELS or 0) + 1


def _photo_message(name: str, error: PhotoError) -> str:
    if error.pixels is None:
        return _(
            "%(name)s could not be opened as a photo: the file is damaged or is not really "
            "a JPEG, PNG, GIF or WebP picture."
        ) % {"name": name}
    return _("%(name)s has too many pixels (%(pixels)s million; at most %(limit)s million).") % {
        "name": name,
        "pixels": _millions(error.pixels),
        "limit": _millions(Image.MAX_IMAGE_PIXELS or 0),
    }


def _millions(pixels: int) -> str:
    return f"{pixels / 1_000_000:.1f}".removesuffix(".0")


def _check_pixels(image: Image.Image) -> None:
    """Refuse a picture above Pillow's limit (Pillow itself only warns up to twice it)."""
    pixels = image.width * image.height
    if Image.MAX_IMAGE_PIXELS and pixels > Image.MAX_IMAGE_PIXELS:
        raise PhotoError(pixels)


def _to_srgb(image: Image.Image) -> Image.Image:
    """Pixels converted to sRGB when the photo has a colour profile (the profile itself is
    not kept); unchanged when it has none or the profile cannot be used."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(
            image,
            source,
            ImageCms.createProfile("sRGB"),
            outputMode="RGBA" if image.mode == "RGBA" else "RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _target(source_format: str, image: Image.Image) -> tuple[str, Image.Image]:
    """The format to store and the image in a mode that format takes."""
    if source_format == "JPEG" or (source_format == "WEBP" and not _has_alpha(image)):
        return "JPEG", image if image.mode in ("RGB", "L") else image.convert("RGB")
    if image.mode in ("RGB", "RGBA", "L", "LA"):
        return "PNG", image
    return "PNG", image.convert("RGBA" if _has_alpha(image) else "RGB")


def _encode(image: Image.Image, out_format: str) -> tuple[bytes, str]:
    """A fresh image holding only the pixels, so that nothing of ``info`` (EXIF, XMP,
    comments, colour profile, PNG text) reaches the file."""
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    buffer = io.BytesIO()
    if out_format == "JPEG":
        clean.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
        return buffer.getvalue(), "jpg"
    clean.save(buffer, "PNG", optimize=True)
    return buffer.getvalue(), "png"


def stored_file_response(field_file):
    """Download a stored evidence file (``FieldFile``) under its stored name; ``Http404`` when
    there is none or it is gone from storage (DRF answers that as its 404 too). Views check
    access before calling it: files under MEDIA_ROOT are not served by themselves."""
    from django.http import FileResponse, Http404

    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, filename=PurePath(field_file.name).name)
