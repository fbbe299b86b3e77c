"""Writes of the performance app: indicator results (one or a bulk list, all-or-nothing),
agreements, their indicators, signing, publishing, new versions and assessments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phaen.core.uploads import check_evidence
from phaen.monitoring.choices import PeriodKind
from phaen.monitoring.services import PeriodLockedError, ensure_open
from phaen.performance import scoring
from phaen.performance.choices import AgreementState, AssessmentKind, Audience
from phaen.performance.models import (
    Agreement,
    AgreementIndicator,
    Assessment,
    AssessmentItem,
    IndicatorResult,
)

AGREEMENT_FIELDS = (
    "level",
    "unit",
    "project",
    "person",
    "parent",
    "title",
    "giver_name",
    "giver_position",
    "receiver_name",
    "receiver_position",
)
INDICATOR_FIELDS = (
    "indicator",
    "number",
    "name",
    "unit",
    "weight",
    "target",
    "level_1",
    "level_2",
    "level_3",
    "level_4",
    "level_5",
    "sort_order",
)


# --- indicator results ----------------------------------------------------------------------
def check_result(*, indicator, period) -> None:
    """Refuse a result for a period that is not a quarter or the year (12-month round), a
    locked period, or an indicator that is not in the organisation's plan covering the
    period's fiscal year. Errors name the field."""
    if not (
        period.kind == PeriodKind.QUARTER
        or (period.kind == PeriodKind.ROUND and period.number == 12)
    ):
        raise ValidationError(
            {"period": _("Indicator results are recorded per quarter or for the whole year.")}
        )
    plan = indicator.plan
    if plan.organization_id != period.organization_id or not (
        plan.start_year <= period.fiscal_year <= plan.end_year
    ):
        raise ValidationError(
            {
                "indicator": _(
                    "The indicator %(number)s is not in a plan of this organisation for "
                    "fiscal year %(year)s."
                )
                % {"number": indicator.number, "year": period.fiscal_year}
            }
        )
    try:
        ensure_open(period)
    except PeriodLockedError as error:
        raise ValidationError({"period": str(error)}) from None


@transaction.atomic
def result_record(
    *,
    indicator,
    period,
    actual,
    by,
    comment: str = "",
    evidence=None,
) -> IndicatorResult:
    """Record (or correct) the indicator's actual value for ``period``. ``evidence`` (an
    upload, optional) replaces the result's evidence file after the checks of
    :func:`phaen.core.uploads.check_evidence` (errors on ``evidence``)."""
    check_result(indicator=indicator, period=period)
    if evidence is not None:
        evidence = check_evidence(evidence, field="evidence").file
    # Ordered by pk alone: the model's ordering joins the period, and PostgreSQL refuses
    # FOR UPDATE on the nullable side of an outer join.
    result = IndicatorResult.objects.select_for_update().filter(
        indicator=indicator, period=period
    ).order_by("pk").first() or IndicatorResult(indicator=indicator, period=period)
    result.organization_id = period.organization_id
    result.actual = actual
    result.comment = comment or ""
    replaced = result.evidence.name if evidence is not None else ""
    if evidence is not None:
        result.evidence = evidence
    result.recorded_by = by
    result.recorded_at = timezone.now()
    result.full_clean(validate_unique=False)
    result._history_user = by
    result.save()
    _delete_on_commit(result.evidence.storage, replaced, keep=result.evidence.name)
    return result


def _delete_on_commit(storage, name: str, keep: str = "") -> None:
    """Remove a replaced or removed evidence file once the change is committed."""
    if name and name != keep:
        transaction.on_commit(lambda: storage.delete(name))


def _locked_result(result: IndicatorResult) -> IndicatorResult:
    return IndicatorResult.objects.select_for_update().order_by("pk").get(pk=result.pk)


@transaction.atomic
def result_evidence_set(*, result: IndicatorResult, upload, by) -> IndicatorResult:
    """Attach (or replace) the evidence file of a result: a photo or a PDF checked and
    cleaned by :func:`phaen.core.uploads.check_evidence`. Refused naming the field: a locked
    period (``period``), a file that is not a photo or PDF, too large, or a photo that does
    not decode (``evidence``). The replaced file is deleted once committed."""
    check_result(indicator=result.indicator, period=result.period)
    file = check_evidence(upload, field="evidence").file
    result = _locked_result(result)
    replaced = result.evidence.name
    result.evidence = file
    result._history_user = by
    result.save()
    _delete_on_commit(result.evidence.storage, replaced, keep=result.evidence.name)
    return result


@transaction.atomic
def result_evidence_remove(*, result: IndicatorResult, by) -> IndicatorResult:
    """Remove the evidence file of a result (nothing to do when it has none). A locked
    period refuses it (``period``)."""
    check_result(indicator=result.indicator, period=result.period)
    result = _locked_result(result)
    if not result.evidence:
        return result
    removed = result.evidence.name
    result.evidence = ""
    result._history_user = by
    result.save()
    _delete_on_commit(result.evidence.storage, removed)
    return result


class BulkError(ValidationError):
    """Some rows of a bulk submission are wrong; ``rows`` maps the row's index to
    {field: [messages]}. Nothing was saved."""

    def __init__(self, rows: dict[int, dict[str, list[str]]]):
        super().__init__(_("Some rows are wrong; nothing was saved."))
        self.rows = rows


def _decimal(value) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {"actual": _("“%(value)s” is not a number.") % {"value": value}}
        ) from None
    if not number.is_finite():
        raise ValidationError({"actual": _("“%(value)s” is not a number.") % {"value": value}})
    return number


@transaction.atomic
def results_bulk(*, rows: list[dict], by, may_record=None) -> list[IndicatorResult]:
    """Record many results at once, all or nothing. Each row has ``indicator`` and
    ``period`` (objects), ``actual`` and optionally ``comment``. ``may_record(indicator,
    period)`` (optional) refuses rows the user may not write. Raises :class:`BulkError`
    naming each wrong row's index and field."""
    errors: dict[int, dict[str, list[str]]] = {}
    seen: dict[tuple[int, int], int] = {}
    saved = []
    sid = transaction.savepoint()
    for index, row in enumerate(rows):
        try:
            indicator, period = row["indicator"], row["period"]
            key = (indicator.pk, period.pk)
            if key in seen:
                raise ValidationError(
                    {
                        "period": _(
                            "Row %(row)s already gives this indicator's result for this period."
                        )
                        % {"row": seen[key]}
                    }
                )
            seen[key] = index
            if may_record is not None and not may_record(indicator, period):
                raise ValidationError(
                    {"indicator": _("You may not record results for this organisation.")}
                )
            saved.append(
                result_record(
                    indicator=indicator,
                    period=period,
                    actual=_decimal(row["actual"]),
                    comment=row.get("comment", ""),
                    by=by,
                )
            )
        except ValidationError as error:
            errors[index] = (
                error.message_dict
                if hasattr(error, "error_dict")
                else {"non_field_errors": error.messages}
            )
    if errors:
        transaction.savepoint_rollback(sid)
        raise BulkError(errors)
    transaction.savepoint_commit(sid)
    return saved


# --- agreements -----------------------------------------------------------------------------
def _save(obj, by):
    obj.full_clean()
    obj._history_user = by
    obj.save()
    return obj


@transaction.atomic
def agreement_create(*, organization, fiscal_year: int, title: str, by, **fields) -> Agreement:
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown agreement fields: {sorted(unknown)}")
    agreement = Agreement(organization=organization, fiscal_year=fiscal_year, title=title, **fields)
    return _save(agreement, by)


@transaction.atomic
def agreement_update(*, agreement: Agreement, by, **fields) -> Agreement:
    for name, value in fields.items():
        if name not in AGREEMENT_FIELDS:
            raise TypeError(f"unknown agreement field: {name}")
        setattr(agreement, name, value)
    return _save(agreement, by)


@transaction.atomic
def agreement_indicator_add(*, agreement: Agreement, by, **fields) -> AgreementIndicator:
    """Add an indicator; a plan indicator fills the name, number and unit when not given."""
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"unknown agreement indicator fields: {sorted(unknown)}")
    source = fields.get("indicator")
    if source is not None:
        fields.setdefault("name", source.name)
        fields.setdefault("number", source.number)
        fields.setdefault("unit", source.unit)
    if "sort_order" not in fields:
        fields["sort_order"] = agreement.indicators.count() + 1
    item = AgreementIndicator(agreement=agreement, **fields)
    return _save(item, by)


def weights_error(agreement: Agreement) -> str | None:
    """The message when the agreement's weights do not total 100 (None when they do)."""
    weights = list(agreement.indicators.values_list("weight", flat=True))
    if not weights:
        return _("An agreement needs at least one indicator.")
    total = sum(weights, Decimal(0))
    if total != 100:
        return _("The weights total %(total)s%%; they must total 100%%.") % {
            "total": scoring.q2(total)
        }
    return None


@transaction.atomic
def agreement_sign(*, agreement: Agreement, signed_on: dt.date, by) -> Agreement:
    """Sign a draft: its weights must total 100. A signed agreement is frozen."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.state != AgreementState.DRAFT:
        raise ValidationError({"state": _("Only a draft agreement can be signed.")})
    if message := weights_error(agreement):
        raise ValidationError({"weight": message})
    if not (agreement.giver_name and agreement.receiver_name):
        raise ValidationError(
            {"receiver_name": _("Name the one who gives and the one who receives the agreement.")}
        )
    agreement.signed_on = signed_on
    agreement.state = AgreementState.SIGNED
    agreement._history_user = by
    agreement.save()
    return agreement


@transaction.atomic
def agreement_publish(*, agreement: Agreement, audience: str, by, on: dt.date | None = None):
    """Publish a signed agreement to staff or to the public (or change its audience)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.state == AgreementState.DRAFT:
        raise ValidationError({"state": _("Sign the agreement before publishing it.")})
    if audience not in Audience.values:
        raise ValidationError({"audience": _("Publish to staff or to the public.")})
    agreement.state = AgreementState.PUBLISHED
    agreement.audience = audience
    agreement.published_on = agreement.published_on or on or timezone.localdate()
    agreement._history_user = by
    agreement.save(update_fields=["state", "audience", "published_on", "updated_at"])
    return agreement


@transaction.atomic
def agreement_new_version(*, agreement: Agreement, by) -> Agreement:
    """A draft copy of a signed agreement (with its indicators) to change it."""
    if agreement.state == AgreementState.DRAFT:
        raise ValidationError({"state": _("A draft can be changed directly.")})
    copy = Agreement(
        organization=agreement.organization,
        fiscal_year=agreement.fiscal_year,
        version=agreement.version + 1,
        previous=agreement,
        **{name: getattr(agreement, name) for name in AGREEMENT_FIELDS},
    )
    _save(copy, by)
    for item in agreement.indicators.all():
        _save(
            AgreementIndicator(
                agreement=copy, **{name: getattr(item, name) for name in INDICATOR_FIELDS}
            ),
            by,
        )
    return copy


@transaction.atomic
def assessment_record(
    *,
    agreement: Agreement,
    kind: str,
    results: dict[int, Decimal],
    by,
    assessed_on: dt.date | None = None,
    note: str = "",
    notes: dict[int, str] | None = None,
) -> Assessment:
    """Record (or replace) the self- or committee assessment of a signed agreement:
    ``results`` maps each agreement indicator's id to its result. Every indicator needs a
    result; scores and weighted scores are computed (scoring.level_score / weighted_score).
    """
    if kind not in AssessmentKind.values:
        raise ValidationError({"kind": _("An assessment is a self-assessment or the committee's.")})
    stored = Agreement.objects.filter(pk=agreement.pk).values_list("state", flat=True).first()
    if stored in (None, AgreementState.DRAFT):
        raise ValidationError({"agreement": _("Only a signed agreement can be assessed.")})
    indicators = list(agreement.indicators.all())
    ids = {item.pk for item in indicators}
    errors = {}
    missing = [item for item in indicators if results.get(item.pk) is None]
    if missing:
        errors["results"] = _("Give a result for every indicator; missing: %(names)s.") % {
            "names": ", ".join(str(item) for item in missing)
        }
    strangers = set(results) - ids
    if strangers:
        errors["results"] = _("These indicators are not in the agreement: %(ids)s.") % {
            "ids": ", ".join(str(i) for i in sorted(strangers))
        }
    if errors:
        raise ValidationError(errors)
    scored = []
    for item in indicators:
        try:
            score = scoring.level_score(Decimal(results[item.pk]), item.levels)
        except ValueError:
            raise ValidationError(
                {
                    "results": _(
                        "%(name)s has no level values: its result is the level reached, 0 to 5."
                    )
                    % {"name": item}
                }
            ) from None
        scored.append((item, Decimal(results[item.pk]), score))
    assessment = Assessment.objects.filter(agreement=agreement, kind=kind).first() or Assessment(
        agreement=agreement, kind=kind
    )
    assessment.assessed_on = assessed_on or timezone.localdate()
    assessment.assessed_by = by
    assessment.note = note
    _save(assessment, by)
    assessment.items.all().delete()
    for item, result, score in scored:
        _save(
            AssessmentItem(
                assessment=assessment,
                agreement_indicator=item,
                result=result,
                score=score,
                weighted_score=scoring.weighted_score(score, item.weight),
                note=(notes or {}).get(item.pk, ""),
            ),
            by,
        )
    return assessment
