"""Small pictures for the demo's evidence photos and for tests.

``png`` is made in pure Python (zlib: a signature and three chunks); ``phone_jpeg`` uses
Pillow to make what a phone camera sends: a JPEG stored sideways with an EXIF orientation,
the camera's make and model and the GPS location where it was taken."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import ExifTags, Image

# Where phone_jpeg's photos are "taken" (Bangkok), as EXIF GPS degrees, minutes, seconds.
GPS_LATITUDE = (13.0, 45.0, 22.5)
GPS_LONGITUDE = (100.0, 30.0, 6.0)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int = 64, height: int = 48, colour=(40, 120, 200), accent=(250, 200, 60)) -> bytes:
    """An RGB PNG: ``colour`` with a band of ``accent`` across the middle (a "photo")."""
    rows = []
    for y in range(height):
        band = height // 3 <= y < 2 * height // 3
        pixel = bytes(accent if band else colour)
        rows.append(b"\x00" + pixel * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )


def phone_jpeg(
    width: int = 3000,
    height: int = 2250,
    *,
    orientation: int = 6,
    colour=(40, 120, 200),
    corner=(250, 40, 40),
) -> bytes:
    """A JPEG as a phone sends it: ``width`` × ``height`` pixels as stored, with EXIF
    ``orientation`` (6: turn 90° clockwise to show it upright, so a landscape sensor image
    is a portrait photo), camera make and model and a GPS location. The stored image's
    top-left tenth is ``corner`` (upright with orientation 6, it is at the top right)."""
    image = Image.new("RGB", (width, height), colour)
    image.paste(corner, (0, 0, max(1, width // 10), max(1, height // 10)))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhaenPhone"
    exif[ExifTags.Base.Model] = "Camera 1"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: GPS_LATITUDE,
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: GPS_LONGITUDE,
    }
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()
