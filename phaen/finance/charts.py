"""An S-curve drawn as inline SVG on the server (no JavaScript library)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from phaen.core import thai

W, H, LEFT, RIGHT, TOP, BOTTOM = 720, 300, 70, 16, 16, 40


def s_curve_svg(points, lang: str = "th") -> str:
    top = max(
        [p.cumulative_planned for p in points]
        + [p.cumulative_actual for p in points]
        + [Decimal(1)]
    )
    step = (W - LEFT - RIGHT) / 11

    def xy(i, value):
        x = LEFT + i * step
        y = TOP + (H - TOP - BOTTOM) * (1 - float(value / top))
        return f"{x:.1f},{y:.1f}"

    planned = " ".join(xy(i, p.cumulative_planned) for i, p in enumerate(points))
    actual = " ".join(xy(i, p.cumulative_actual) for i, p in enumerate(points))
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#dee2e6"/>'
        '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="#6c757d">{}</text>',
        (
            (
                LEFT,
                W - RIGHT,
                f"{TOP + (H - TOP - BOTTOM) * (1 - k / 4):.1f}",
                f"{TOP + (H - TOP - BOTTOM) * (1 - k / 4):.1f}",
                LEFT - 6,
                f"{TOP + (H - TOP - BOTTOM) * (1 - k / 4) + 4:.1f}",
                thai.format_number(top * k / 4, 0),
            )
            for k in range(5)
        ),
    )
    months = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="#6c757d">{}</text>',
        (
            (
                f"{LEFT + i * step:.1f}",
                H - BOTTOM + 16,
                thai.month_name(p.calendar_month, abbr=True, lang=lang),
            )
            for i, p in enumerate(points)
        ),
    )
    return format_html(
        '<svg viewBox="0 0 {w} {h}" role="img" aria-labelledby="scurve-title" class="w-100 h-auto" '
        'data-testid="s-curve-svg"><title id="scurve-title">{title}</title>{grid}{months}'
        '<polyline points="{planned}" fill="none" stroke="#6c757d" stroke-width="2" '
        'stroke-dasharray="6 4"/>'
        '<polyline points="{actual}" fill="none" stroke="#0d6efd" stroke-width="3"/>'
        "</svg>",
        w=W,
        h=H,
        title=_("Cumulative planned and actual spending by month"),
        grid=grid,
        months=months,
        planned=mark_safe(planned),
        actual=mark_safe(actual),
    )
