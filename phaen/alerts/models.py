"""Warnings are computed (see selectors.warnings), never stored. What is stored: each
organisation's alert settings, in-app notifications and the log of reminders sent (so a
reminder goes out once per item, recipient, stage and channel)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from phaen.alerts import choices as c
from phaen.core.models import AuditedModel, TimeStampedModel
from phaen.organizations.access import ScopedQuerySet

DEFAULT_STALE_DAYS = 45


class AlertSettings(AuditedModel):
    """Per organisation: the staleness limit, thresholds and the outgoing webhook.
    An organisation without a row uses the defaults (``for_organization``)."""

    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="alert_settings",
    )
    stale_days = models.PositiveSmallIntegerField(
        _("staleness limit (days)"),
        default=DEFAULT_STALE_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text=_("An item not updated for longer than this is flagged."),
    )
    disbursement_gap_pct = models.DecimalField(
        _("disbursement shortfall tolerated (percent of planned to date)"),
        max_digits=5,
        decimal_places=2,
        default=10,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_(
            "Cumulative spending short of the plan to date by more than this share is flagged."
        ),
    )
    near_days = models.PositiveSmallIntegerField(
        _("deadline approaching (days)"),
        default=14,
        validators=[MaxValueValidator(366)],
        help_text=_("Advances and carry-over money are flagged this many days before their date."),
    )
    webhook_url = models.URLField(
        _("webhook URL"),
        blank=True,
        max_length=500,
        help_text=_(
            "Reminders are also posted here as JSON (e.g. a chat tool's incoming webhook)."
        ),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert settings")
        verbose_name_plural = _("alert settings")

    def __str__(self) -> str:
        return str(self.organization)

    @classmethod
    def for_organization(cls, organization) -> AlertSettings:
        """The stored settings, or unsaved defaults (one query)."""
        found = cls.objects.filter(organization=organization).first()
        return found or cls(organization=organization)


class NotificationQuerySet(ScopedQuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(TimeStampedModel):
    """An in-app message to one user (from a reminder or another app)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=30)
    subject = models.CharField(_("subject"), max_length=500)
    message = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="alerts_notif_unread")]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class ReminderLog(models.Model):
    """One reminder sent: item × recipient × stage × channel is unique, which makes
    ``send_reminders`` idempotent. ``sent_on`` is the run's day (``--today``); the
    escalation stage counts days from the first "after" reminder."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    item = models.CharField(_("item"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=c.WarningKind.choices)
    stage = models.CharField(_("stage"), max_length=10, choices=c.Stage.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=c.Channel.choices)
    recipient = models.CharField(
        _("recipient"), max_length=300, help_text=_("user:ID, or the webhook's organisation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_on = models.DateField(_("sent on"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "recipient", "stage", "channel"], name="alerts_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.stage} {self.channel} → {self.recipient}"
