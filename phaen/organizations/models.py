"""Organisations in a tree, their internal units, positions, people and roles.

Access attaches to positions as well as persons: a ``RoleAssignment`` names either a
person or a position, and a person holds a position through dated ``Appointment`` rows
(regular or acting). When an officer transfers, the successor's appointment to the same
position carries the position's roles and responsibilities without re-creating them.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from phaen.core.models import AuditedModel
from phaen.core.models import localized as _localized
from phaen.organizations.access import ScopedQuerySet
from phaen.organizations.choices import AppointmentKind, Role, UnitKind


class OrganizationKind(models.Model):
    """Kind of organisation (ministry, department, local administration and its sub-kinds…).

    Reference data loaded by migration; admins may add more. Exactly one kind is the default.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_th = models.CharField(_("Thai name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    abbr_th = models.CharField(_("Thai abbreviation"), max_length=40, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("broader kind"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subkinds",
    )
    is_local_administration = models.BooleanField(_("local administration"), default=False)
    is_default = models.BooleanField(_("default kind"), default=False)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("organisation kind")
        verbose_name_plural = _("organisation kinds")
        ordering = ["sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="one_default_org_kind",
                violation_error_message=_("Only one organisation kind can be the default."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localized(self.name_th, self.name_en)

    @classmethod
    def default(cls) -> OrganizationKind:
        return cls.objects.get(is_default=True)


def default_kind_id() -> int | None:
    kind = OrganizationKind.objects.filter(is_default=True).only("pk").first()
    return kind.pk if kind else None


class Province(models.Model):
    """A Thai province (reference data; DOPA province codes)."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name_th = models.CharField(_("Thai name"), max_length=100, unique=True)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name_th"]

    def __str__(self) -> str:
        return _localized(self.name_th, self.name_en)


class Organization(AuditedModel):
    """An agency or local administration; organisations form a tree via ``parent``.

    ``path`` is a materialised path ("/1/5/9/") kept by ``save()``, so descendants are one
    indexed ``startswith`` query. Moving an organisation rewrites its subtree's paths.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name_th = models.CharField(_("Thai name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    short_name_th = models.CharField(_("short Thai name"), max_length=100, blank=True)
    kind = models.ForeignKey(
        OrganizationKind,
        verbose_name=_("kind"),
        on_delete=models.PROTECT,
        related_name="organizations",
        default=default_kind_id,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    address = models.TextField(_("address"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    path = models.CharField(_("tree path"), max_length=1000, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localized(self.name_th, self.name_en)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.pk and self.parent_id:
            parent = self.parent
            if parent.pk == self.pk or f"/{self.pk}/" in (parent.path or ""):
                raise ValidationError(
                    {"parent": _("An organisation cannot be placed under itself or its own child.")}
                )

    def save(self, *args, **kwargs) -> None:
        parent_path = self.parent.path if self.parent_id else "/"
        if self.pk is None:
            super().save(*args, **kwargs)
            # The path needs the new primary key; written without a second history row.
            self.path = f"{parent_path}{self.pk}/"
            self.depth = self.path.count("/") - 2
            Organization.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)
            return
        old_path = self.path
        self.path = f"{parent_path}{self.pk}/"
        self.depth = self.path.count("/") - 2
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "parent" in update_fields:
            kwargs["update_fields"] = {*update_fields, "path", "depth"}
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            self._move_descendants(old_path, self.path)

    def _move_descendants(self, old_path: str, new_path: str) -> None:
        """Rewrite the subtree's paths in one UPDATE (no per-row history: derived fields)."""
        from django.db.models.functions import Concat, Substr

        shift = new_path.count("/") - old_path.count("/")
        Organization.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
            path=Concat(
                models.Value(new_path),
                Substr("path", len(old_path) + 1),
                output_field=models.CharField(),
            ),
            depth=models.F("depth") + shift,
        )

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]

    def ancestors(self) -> models.QuerySet[Organization]:
        return Organization.objects.filter(pk__in=self.ancestor_ids()).order_by("depth")

    def descendants(self, include_self: bool = False) -> models.QuerySet[Organization]:
        qs = Organization.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def is_descendant_of(self, other: Organization) -> bool:
        return self.pk != other.pk and self.path.startswith(other.path)


class Unit(AuditedModel):
    """An internal unit of an organisation (สำนัก, กอง, กลุ่มงาน, ฝ่าย …), possibly nested."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=40)
    name_th = models.CharField(_("Thai name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=UnitKind.choices, default=UnitKind.OTHER
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["organization", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"],
                name="unique_unit_code_per_org",
                violation_error_message=_("This organisation already has a unit with this code."),
            )
        ]

    def __str__(self) -> str:
        return _localized(self.name_th, self.name_en)

    @property
    def name(self) -> str:
        return _localized(self.name_th, self.name_en)


class Person(AuditedModel):
    """A human being working for or with an organisation. Demo people are fictional."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    title_th = models.CharField(
        _("title"), max_length=50, blank=True, help_text=_("e.g. นาย, นาง, นางสาว")
    )
    first_name_th = models.CharField(_("first name (Thai)"), max_length=100)
    last_name_th = models.CharField(_("last name (Thai)"), max_length=100)
    first_name_en = models.CharField(_("first name (English)"), max_length=100, blank=True)
    last_name_en = models.CharField(_("last name (English)"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["first_name_th", "last_name_th"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        lang_en = (get_language() or "th").startswith("en")
        if lang_en and self.first_name_en:
            return f"{self.first_name_en} {self.last_name_en}".strip()
        return f"{self.title_th}{self.first_name_th} {self.last_name_th}".strip()


class Position(AuditedModel):
    """A position (ตำแหน่ง) in an organisation; responsibility and rights attach to it."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="positions",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="positions",
    )
    number = models.CharField(_("position number"), max_length=40, blank=True)
    title_th = models.CharField(_("Thai title"), max_length=255)
    title_en = models.CharField(_("English title"), max_length=255, blank=True)
    is_head = models.BooleanField(_("head of the organisation"), default=False)
    supervisor = models.ForeignKey(
        "self",
        verbose_name=_("supervising position"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subordinates",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["organization", "sort_order", "title_th"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _localized(self.title_th, self.title_en)

    def holders(self, on: dt.date | None = None) -> models.QuerySet[Person]:
        on = on or timezone.localdate()
        return Person.objects.filter(
            pk__in=Appointment.objects.current(on).filter(position=self).values("person")
        )


class AppointmentQuerySet(ScopedQuerySet):
    def current(self, on: dt.date | None = None) -> AppointmentQuerySet:
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )


class Appointment(AuditedModel):
    """A person holding a position from a date, regularly or as acting (รักษาราชการแทน)."""

    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.CASCADE, related_name="appointments"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="appointments"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=AppointmentKind.choices, default=AppointmentKind.REGULAR
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    order_reference = models.CharField(
        _("order reference"), max_length=200, blank=True, help_text=_("e.g. คำสั่งที่ 123/2567")
    )

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["position", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="appointment_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.position}"

    def is_current(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class RoleAssignment(AuditedModel):
    """A role in an organisation, given to a person or to a position (never both)."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("position"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["organization", "role"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(position__isnull=True))
                | (Q(person__isnull=True) & Q(position__isnull=False)),
                name="role_for_person_xor_position",
                violation_error_message=_("A role is given either to a person or to a position."),
            ),
            models.UniqueConstraint(
                fields=["organization", "role", "person"],
                condition=Q(person__isnull=False),
                name="unique_role_per_person",
                violation_error_message=_("This person already has this role here."),
            ),
            models.UniqueConstraint(
                fields=["organization", "role", "position"],
                condition=Q(position__isnull=False),
                name="unique_role_per_position",
                violation_error_message=_("This position already has this role here."),
            ),
        ]

    def __str__(self) -> str:
        holder = self.person or self.position
        return f"{self.get_role_display()} — {holder} ({self.organization})"
