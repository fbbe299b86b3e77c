"""Small PNG pictures made in pure Python (zlib), for the demo's evidence photos and tests.
Pillow is not a dependency of Phaen; a PNG is a signature and three chunks."""

from __future__ import annotations

import struct
import zlib


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
