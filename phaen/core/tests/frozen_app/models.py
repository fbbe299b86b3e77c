from django.db import models

from phaen.core.frozen import FreezableModel


class Tag(models.Model):
    name = models.CharField(max_length=50)

    class Meta:
        app_label = "frozen_app"

    def __str__(self) -> str:
        return self.name


class Document(FreezableModel):
    """Stands for a plan: frozen once approved or announced."""

    FROZEN_STATE_FIELD = "status"
    FROZEN_STATES = frozenset({"approved", "announced"})
    FROZEN_MUTABLE_FIELDS = frozenset({"posted_on"})

    title = models.CharField(max_length=100)
    status = models.CharField(max_length=20, default="draft")
    posted_on = models.DateField(null=True, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="documents")

    class Meta:
        app_label = "frozen_app"


class Line(FreezableModel):
    """Stands for a project of a plan: frozen with its document."""

    FROZEN_PARENT = "document"

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="lines")
    name = models.CharField(max_length=100)
    amount = models.IntegerField(default=0)

    class Meta:
        app_label = "frozen_app"
