from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AgreementLevel(models.TextChoices):
    ORGANIZATION = "organization", pgettext_lazy("agreement level", "Organisation")
    UNIT = "unit", pgettext_lazy("agreement level", "Unit")
    PROJECT = "project", pgettext_lazy("agreement level", "Project")
    PERSON = "person", pgettext_lazy("agreement level", "Person (indicator cascade)")


class AgreementState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    PUBLISHED = "published", _("Published")


class Audience(models.TextChoices):
    STAFF = "staff", _("Staff")
    PUBLIC = "public", _("The public")


class AssessmentKind(models.TextChoices):
    SELF = "self", _("Self-assessment")
    COMMITTEE = "committee", _("Committee assessment")
