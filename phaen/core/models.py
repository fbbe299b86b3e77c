"""Abstract base models shared by every domain app. Core owns no concrete models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from phaen.core.frozen import FreezableModel  # noqa: F401  (re-exported for apps)


def localized(th: str, en: str) -> str:
    """The English text when the active language is English and there is one, else Thai."""
    return en if (get_language() or "th").startswith("en") and en else th


class TimeStampedModel(models.Model):
    """Adds creation and last-change timestamps."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AuditedModel(TimeStampedModel):
    """A domain model whose every change is recorded (who, when, what) by simple-history.

    The history user comes from the request (HistoryRequestMiddleware) or, outside a
    request, from ``instance._history_user`` set by the service making the change.
    """

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
