"""Frozen records: once its state says so (approved, announced), a record is immutable.

A model opts in by subclassing :class:`FreezableModel` and saying what freezes it:

* ``FROZEN_STATE_FIELD`` / ``FROZEN_STATES``: its own state, e.g. ``status`` in
  ``{"approved", "announced"}``;
* ``FROZEN_PARENT``: the name of a foreign key whose record, when frozen, freezes this
  one too (a project of an announced plan).

Changes are refused on ``save()``, ``delete()``, ``QuerySet.update()`` / ``delete()``,
``bulk_update()`` (which goes through ``update()``) and ``bulk_create()`` under a frozen
parent, so every path (page, API, import, admin, command) meets the same wall. The test
is made against the row *as stored*, so flipping the state in memory does not unlock it.
``FROZEN_MUTABLE_FIELDS`` lists the few fields that may still change on a frozen row
(posting dates of an announcement, say); a save must name them in ``update_fields``.

Deleting a parent cascades in SQL without calling ``delete()`` on children: give the
foreign key of a freezable child ``on_delete=PROTECT`` or freeze the parent as well.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FrozenRecordError(PermissionDenied):
    """Raised when something tries to change or delete a frozen record."""

    default_message = _(
        "This record is approved or announced and can no longer be changed; "
        "make a new version instead."
    )

    def __init__(self, message: Any = None) -> None:
        super().__init__(message or self.default_message)
        self.message = message or self.default_message


class FreezableQuerySet(models.QuerySet):
    def frozen(self) -> FreezableQuerySet:
        return self.filter(self.model.frozen_q())

    def _refuse_if_frozen(self, fields: Iterable[str] | None = None) -> None:
        mutable = self.model.FROZEN_MUTABLE_FIELDS
        if fields is not None and mutable and set(fields) <= set(mutable):
            return
        if self.frozen().exists():
            raise FrozenRecordError()

    def update(self, **kwargs: Any) -> int:
        self._refuse_if_frozen(kwargs.keys())
        return super().update(**kwargs)

    update.alters_data = True

    def delete(self) -> tuple[int, dict[str, int]]:
        self._refuse_if_frozen()
        return super().delete()

    delete.alters_data = True

    def bulk_update(
        self, objs: Iterable[models.Model], fields: Iterable[str], *args: Any, **kwargs: Any
    ) -> int:
        # Checked before Django opens its savepoint-less atomic block, so a refusal
        # leaves the caller's transaction usable.
        objs, fields = list(objs), list(fields)
        mutable = self.model.FROZEN_MUTABLE_FIELDS
        if not (mutable and set(fields) <= set(mutable)):
            pks = [obj.pk for obj in objs]
            if self.filter(pk__in=pks).frozen().exists() or any(
                obj._frozen_by_parent()
                for obj in objs  # type: ignore[attr-defined]
            ):
                raise FrozenRecordError()
        return super().bulk_update(objs, fields, *args, **kwargs)

    def bulk_create(self, objs: Iterable[models.Model], *args: Any, **kwargs: Any) -> list:
        objs = list(objs)
        for obj in objs:
            if obj._frozen_by_parent():  # type: ignore[attr-defined]
                raise FrozenRecordError()
        return super().bulk_create(objs, *args, **kwargs)


FreezableManager = models.Manager.from_queryset(FreezableQuerySet)


class FreezableModel(models.Model):
    """Abstract base for records that become immutable in certain states."""

    FROZEN_STATE_FIELD: str | None = None
    FROZEN_STATES: frozenset[str] = frozenset()
    FROZEN_PARENT: str | None = None
    FROZEN_MUTABLE_FIELDS: frozenset[str] = frozenset()

    objects = FreezableManager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        fields = kwargs.get("update_fields")
        only_mutable = bool(
            fields and self.FROZEN_MUTABLE_FIELDS and set(fields) <= self.FROZEN_MUTABLE_FIELDS
        )
        if not only_mutable and self.is_frozen():
            raise FrozenRecordError()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.is_frozen():
            raise FrozenRecordError()
        return super().delete(*args, **kwargs)

    @classmethod
    def frozen_q(cls, prefix: str = "") -> Q:
        """A ``Q`` matching the rows of this model that are frozen."""
        q = Q(**{f"{prefix}pk__in": []})
        if cls.FROZEN_STATE_FIELD:
            q |= Q(**{f"{prefix}{cls.FROZEN_STATE_FIELD}__in": sorted(cls.FROZEN_STATES)})
        if cls.FROZEN_PARENT:
            parent = cls._meta.get_field(cls.FROZEN_PARENT).related_model
            q |= parent.frozen_q(prefix=f"{prefix}{cls.FROZEN_PARENT}__")
        return q

    def _frozen_by_parent(self) -> bool:
        if not self.FROZEN_PARENT:
            return False
        parent = getattr(self, self.FROZEN_PARENT, None)
        return bool(parent is not None and parent.is_frozen())

    def is_frozen(self) -> bool:
        """True when the stored row (or the parent it now points to) is frozen.

        Causes one query for a saved row, plus the parent's check.
        """
        if self.pk is not None:
            stored = type(self)._base_manager.filter(pk=self.pk).filter(self.frozen_q())
            if stored.exists():
                return True
        return self._frozen_by_parent()


def _refuse_m2m_changes_on_frozen(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Many-to-many changes bypass ``save()``: refuse them on frozen records too."""
    if action not in {"pre_add", "pre_remove", "pre_clear"}:
        return
    if reverse:  # e.g. framework_item.issues.add(issue): the frozen side is ``model``
        frozen = model._base_manager.filter(pk__in=pk_set or []).filter(model.frozen_q())
        if issubclass(model, FreezableModel) and pk_set and frozen.exists():
            raise FrozenRecordError()
        return
    if isinstance(instance, FreezableModel) and instance.is_frozen():
        raise FrozenRecordError()


def connect_m2m_guard() -> None:
    from django.db.models.signals import m2m_changed

    m2m_changed.connect(_refuse_m2m_changes_on_frozen, dispatch_uid="phaen-frozen-m2m")
