"""Satisfaction surveys of projects and activities, answered without an account.

A survey belongs to one project (the row of the plan edition in force when it was made)
and optionally one of its activities; its organisation is the project's. Citizens answer
through a public link carrying the survey's random ``token``. Responses keep no personal
data: only a salted hash of the browser's address and user agent (see README.md)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phaen.core.models import AuditedModel
from phaen.organizations.access import ScopedQuerySet
from phaen.surveys import choices as c


def new_token() -> str:
    """A random, unguessable token for the public link (128 bits, URL-safe)."""
    return secrets.token_urlsafe(16)


class Survey(AuditedModel):
    project = models.ForeignKey(
        "plans.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    activity = models.ForeignKey(
        "plans.Activity",
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
    )
    title = models.CharField(_("title"), max_length=300)
    intro = models.TextField(_("introduction"), blank=True)
    opens_on = models.DateField(_("open from"), null=True, blank=True)
    closes_on = models.DateField(_("open until"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=c.SurveyState.choices, default=c.SurveyState.DRAFT
    )
    token = models.CharField(
        _("public token"), max_length=40, unique=True, default=new_token, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.activity_id and self.project_id and self.activity.project_id != self.project_id:
            errors["activity"] = _("The activity must belong to the survey's project.")
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("The closing date cannot be before the opening date.")
        if errors:
            raise ValidationError(errors)

    @property
    def subject(self) -> str:
        """What is surveyed: the activity's name, or the project's."""
        return self.activity.name if self.activity_id else self.project.name

    def availability(self, today: dt.date | None = None) -> str:
        """ "open", "draft", "closed", "not_yet" or "ended" on ``today`` (Bangkok)."""
        today = today or timezone.localdate()
        if self.state != c.SurveyState.OPEN:
            return self.state
        if self.opens_on and today < self.opens_on:
            return "not_yet"
        if self.closes_on and today > self.closes_on:
            return "ended"
        return "open"

    def accepts_answers(self, today: dt.date | None = None) -> bool:
        return self.availability(today) == "open"


class Question(AuditedModel):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=c.QuestionKind.choices, default=c.QuestionKind.SCALE
    )
    text = models.CharField(_("question"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    required = models.BooleanField(_("answer required"), default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "order", "id"]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """One person's answers. ``fingerprint`` is a salted hash (no address or user agent is
    stored); a second response with the same fingerprint to the same survey is refused."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    fingerprint = models.CharField(_("client fingerprint (hashed)"), max_length=64)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["survey", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "fingerprint"], name="survey_response_one_per_client"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}#{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    scale = models.PositiveSmallIntegerField(
        _("score (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once"),
            models.CheckConstraint(
                condition=models.Q(scale__isnull=True) | models.Q(scale__gte=1, scale__lte=5),
                name="survey_answer_scale_1_5",
            ),
        ]

    def __str__(self) -> str:
        return str(self.scale) if self.scale is not None else self.text[:40]
