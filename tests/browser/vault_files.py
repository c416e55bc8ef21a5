"""Test files for the evidence vault: a photo with a date and a place in its EXIF, and a
large PNG screenshot, made byte by byte (no imaging library needed)."""

from __future__ import annotations

import os
import struct
import zlib
from fractions import Fraction

from playwright.sync_api import Page

EXIF_DATE = "2026:11:30 21:14:05"


def canvas_jpeg(page: Page, width: int = 64, height: int = 48) -> bytes:
    """A real JPEG without metadata, drawn by the browser."""
    values = page.evaluate(
        """([w, h]) => new Promise((resolve) => {
            const canvas = document.createElement("canvas");
            canvas.width = w; canvas.height = h;
            const g = canvas.getContext("2d");
            g.fillStyle = "#3a7"; g.fillRect(0, 0, w, h);
            g.fillStyle = "#fff"; g.fillRect(4, 4, w / 2, h / 3);
            canvas.toBlob(async (blob) =>
                resolve(Array.from(new Uint8Array(await blob.arrayBuffer()))), "image/jpeg", 0.9);
        })""",
        [width, height],
    )
    return bytes(values)


def _rationals(degrees: float) -> bytes:
    whole = int(degrees)
    minutes = int((degrees - whole) * 60)
    seconds = Fraction((degrees - whole - minutes / 60) * 3600).limit_denominator(100)
    return struct.pack("<6I", whole, 1, minutes, 1, seconds.numerator, seconds.denominator)


def _ifd(entries: list[tuple[int, int, int, bytes]], start: int) -> tuple[bytes, bytes]:
    """An IFD at `start` (tag, type, count, value) and the data it points to, after it."""
    table_size = 2 + 12 * len(entries) + 4
    data, table = b"", struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        if len(value) <= 4:
            table += struct.pack("<HHI", tag, kind, count) + value.ljust(4, b"\0")
        else:
            table += struct.pack("<HHII", tag, kind, count, start + table_size + len(data))
            data += value
    return table + b"\0\0\0\0", data


def with_exif(
    jpeg: bytes, date: str = EXIF_DATE, place: tuple[float, float] | None = None
) -> bytes:
    """The JPEG with an APP1 EXIF segment: DateTimeOriginal and, if given, a GPS place."""
    ascii_date = date.encode() + b"\0"
    ifd0_at = 8
    ifd0_size = 2 + 12 * (2 if place else 1) + 4
    exif_at = ifd0_at + ifd0_size
    exif_table, exif_data = _ifd([(0x9003, 2, len(ascii_date), ascii_date)], exif_at)
    gps_at = exif_at + len(exif_table) + len(exif_data)
    ifd0_entries = [(0x8769, 4, 1, struct.pack("<I", exif_at))]
    gps = b""
    if place:
        ifd0_entries.append((0x8825, 4, 1, struct.pack("<I", gps_at)))
        table, data = _ifd(
            [
                (1, 2, 2, b"N\0"),
                (2, 5, 3, _rationals(place[0])),
                (3, 2, 2, b"E\0"),
                (4, 5, 3, _rationals(place[1])),
            ],
            gps_at,
        )
        gps = table + data
    ifd0, _ = _ifd(ifd0_entries, ifd0_at)
    tiff = b"II*\0" + struct.pack("<I", ifd0_at) + ifd0 + exif_table + exif_data + gps
    segment = b"Exif\0\0" + tiff
    app1 = b"\xff\xe1" + struct.pack(">H", len(segment) + 2) + segment
    assert jpeg[:2] == b"\xff\xd8"
    return jpeg[:2] + app1 + jpeg[2:]


def noise_png(width: int, height: int) -> bytes:
    """A valid PNG of random pixels, stored without compression: about width x height x 3
    bytes, like a busy screenshot that does not compress."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    rows = b"".join(b"\0" + os.urandom(width * 3) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 0))
        + chunk(b"IEND", b"")
    )
