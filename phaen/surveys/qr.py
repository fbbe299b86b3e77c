"""QR codes of a survey's public link (segno, pure Python)."""

from __future__ import annotations

import segno
from django.urls import reverse


def public_path(survey) -> str:
    return reverse("surveys:respond", args=[survey.token])


def public_url(survey, base_url: str) -> str:
    """The absolute public URL on the site at ``base_url`` ("https://phaen.example.go.th")."""
    return base_url.rstrip("/") + public_path(survey)


def qr_svg(url: str, *, scale: int = 4) -> str:
    """An inline SVG (no XML declaration) of the QR code of ``url``; error correction M
    so a slightly scuffed print still reads."""
    return segno.make(url, error="m", micro=False).svg_inline(
        scale=scale, border=4, title=url, svgclass="survey-qr", lineclass=None, omitsize=True
    )
