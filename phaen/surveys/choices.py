"""Choices of the surveys app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SurveyState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("survey state", "draft")
    OPEN = "open", pgettext_lazy("survey state", "open")
    CLOSED = "closed", pgettext_lazy("survey state", "closed")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("five-point scale")
    TEXT = "text", _("free text")


# The five points, highest first, as printed on Thai satisfaction forms. The labels are
# the standard Thai wording whatever the interface language: they are the answer scale the
# form promises, not interface text.
SCALE = (
    (5, "มากที่สุด"),
    (4, "มาก"),
    (3, "ปานกลาง"),
    (2, "น้อย"),
    (1, "น้อยที่สุด"),
)
SCALE_LABELS = dict(SCALE)
SCALE_VALUES = tuple(value for value, _label in SCALE)
