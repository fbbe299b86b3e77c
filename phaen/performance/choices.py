from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementLevel(models.TextChoices):
    ORGANIZATION = "organization", _("Organisation")
    UNIT = "unit", _("Unit")
    PROJECT = "project", _("Project")
    PERSON = "person", _("Person (indicator cascade)")


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
