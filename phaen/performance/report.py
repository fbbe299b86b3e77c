"""Data and texts of the report "agreement-score" (the builder module is
``phaen/reports/builders/agreement.py``; its texts live here, in this app's catalogue).

The score sheet in the official layout: indicator, unit, weight %, criteria 1–5, result,
score, weighted score (score × weight / 100) and the total on the 1–5 scale, four decimals.
Three queries whatever the number of indicators.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from phaen.performance import selectors
from phaen.performance.choices import AgreementLevel, AgreementState, AssessmentKind
from phaen.performance.models import Agreement

TITLE = gettext_lazy("Performance agreement score sheet")
DESCRIPTION = gettext_lazy(
    "The agreement's indicators, weights, criteria 1–5, results, scores and weighted scores "
    "(self-assessment or the committee's)."
)


class NotAvailable(Exception):
    """The agreement does not exist for this user, or the option is wrong (message for
    the person who asked)."""


@dataclass
class SheetLine:
    number: str
    name: str
    unit: str
    weight: Decimal
    levels: list[Decimal | None]
    result: Decimal | None
    score: Decimal | None
    weighted_score: Decimal | None


@dataclass
class ScoreSheetDocument:
    agreement: int
    title: str
    organization: str
    fiscal_year: int
    level: str
    level_label: str
    version: int
    assessment: str
    assessment_label: str
    assessed_on: dt.date | None
    signed_on: dt.date | None
    giver: str
    receiver: str
    lines: list[SheetLine]
    weight_total: Decimal
    total: Decimal | None
    weighted_achievement: Decimal | None


def _person(name: str, position: str) -> str:
    return f"{name} ({position})" if name and position else name or position


def build(*, user, agreement: int | None, assessment: str | None = None) -> ScoreSheetDocument:
    if agreement in (None, ""):
        raise NotAvailable(_("Name the agreement: --agreement ID."))
    kind = assessment or AssessmentKind.COMMITTEE
    if kind not in AssessmentKind.values:
        raise NotAvailable(_("The assessment is “self” or “committee”."))
    try:
        agreement_id = int(agreement)
    except (TypeError, ValueError):
        agreement_id = None
    found = (
        Agreement.objects.for_user(user, "view")
        .select_related("organization")
        .filter(pk=agreement_id)
        .first()
        if agreement_id
        else None
    )
    if found is None:
        raise NotAvailable(_("There is no agreement %(id)s that you may see.") % {"id": agreement})
    sheet = selectors.score_sheet(found, kind)
    return ScoreSheetDocument(
        agreement=found.pk,
        title=found.title,
        organization=str(found.organization.name),
        fiscal_year=found.fiscal_year,
        level=found.level,
        level_label=str(AgreementLevel(found.level).label),
        version=found.version,
        assessment=kind,
        assessment_label=str(AssessmentKind(kind).label),
        assessed_on=sheet.assessed_on,
        signed_on=found.signed_on,
        giver=_person(found.giver_name, found.giver_position),
        receiver=_person(found.receiver_name, found.receiver_position),
        lines=[
            SheetLine(
                number=r.number,
                name=r.name,
                unit=r.unit,
                weight=r.weight,
                levels=r.levels,
                result=r.result,
                score=r.score,
                weighted_score=r.weighted_score,
            )
            for r in sheet.rows
        ],
        weight_total=sheet.weight_total,
        total=sheet.total,
        weighted_achievement=sheet.weighted_achievement,
    )


def latest_agreement(organization, fiscal_year: int | None) -> int | None:
    """The organisation's latest signed or published agreement of the year (for the
    reports page)."""
    qs = Agreement.objects.filter(organization=organization).exclude(state=AgreementState.DRAFT)
    if fiscal_year:
        qs = qs.filter(fiscal_year=fiscal_year)
    found = qs.order_by("level", "-version", "-pk").first()
    if found is None:
        raise NotAvailable(
            _("%(org)s has no signed performance agreement for fiscal year %(year)s.")
            % {"org": organization.name, "year": fiscal_year}
        )
    return found.pk


def labels() -> dict[str, str]:
    return {
        "indicator": pgettext("score sheet", "Performance indicator"),
        "unit": pgettext("score sheet", "Unit of measure"),
        "weight": pgettext("score sheet", "Weight (%)"),
        "criteria": pgettext("score sheet", "Scoring criteria"),
        "result": pgettext("score sheet", "Result"),
        "score": pgettext("score sheet", "Score"),
        "weighted": pgettext("score sheet", "Weighted score"),
        "total": pgettext("score sheet", "Total"),
        "assessment": pgettext("score sheet", "Assessment"),
        "assessed_on": pgettext("score sheet", "Assessed on"),
        "signed_on": pgettext("score sheet", "Signed on"),
        "giver": pgettext("score sheet", "Given by"),
        "receiver": pgettext("score sheet", "Received by"),
        "level": pgettext("score sheet", "Level"),
        "version": pgettext("score sheet", "Version"),
        "not_assessed": pgettext("score sheet", "Not assessed yet."),
        "achievement": pgettext("score sheet", "Weighted average achievement"),
        "formula": pgettext("score sheet", "Total = Σ score × weight ÷ 100 (1–5 scale)"),
    }


def fiscal_year_label(year: int) -> str:
    return pgettext("score sheet", "Fiscal year %(year)s") % {"year": year}
