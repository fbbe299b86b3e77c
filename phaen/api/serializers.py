"""Serializer base classes: scoped relations and the model's own validation.

* :class:`ScopedPrimaryKeyRelatedField` accepts only objects the requesting user may
  see (``access.scope(..., "view")``): an unknown or invisible id is the same 400
  "Unknown …" naming the field, so the answer never tells whether the object exists.
* :class:`ModelSerializer` runs the model's ``full_clean()`` (field checks, ``clean()``,
  uniqueness) and each database constraint on the object as it would be saved, and
  reports every problem under the fields concerned. DRF's validators for constraints
  over several fields are dropped (the model's constraint reports them, with its own
  message, under each of its fields); a unique single field keeps DRF's check, so that
  a taken code is reported together with the other field errors.
"""

from __future__ import annotations

import copy

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from phaen.api.errors import constraint_fields, constraint_message, non_field_key
from phaen.organizations import access

# Largest primary key any supported database stores (signed 64-bit); larger numbers
# cannot name an object and must not reach the database driver.
MAX_ID = 2**63 - 1

# Messages of the organisation endpoints that the model does not provide (kept here so
# the API's catalogue holds every API message).
PERSON_HAS_ACCOUNT = _("This person already has another user account.")


def scoped_queryset(queryset: models.QuerySet, user, action: str = "view") -> models.QuerySet:
    """``queryset`` limited by the access policy, or unchanged for reference data."""
    try:
        access.policy_for(queryset.model)
    except LookupError:
        return queryset  # reference data (kinds, provinces, frameworks): readable by all
    return access.scope(queryset, user, action)


def unknown_object_error(model: type[models.Model], value) -> serializers.ValidationError:
    return serializers.ValidationError(
        _("Unknown %(object)s: %(value)s.") % {"object": model._meta.verbose_name, "value": value},
        code="does_not_exist",
    )


def parse_id(value) -> int | None:
    """``value`` as an object id, or None when it cannot be one."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    try:
        number = int(value)
    except ValueError:
        return None
    return number if 1 <= number <= MAX_ID else None


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A related object by id, among those the requesting user may see."""

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        return scoped_queryset(queryset, getattr(request, "user", None))

    def to_internal_value(self, data):
        pk = parse_id(data)
        if pk is None:
            if isinstance(data, bool) or not isinstance(data, int | str):
                raise serializers.ValidationError(
                    _("Expected the number (id) of an object."), code="incorrect_type"
                )
            raise unknown_object_error(self.get_queryset().model, data)
        try:
            return self.get_queryset().get(pk=pk)
        except ObjectDoesNotExist:
            raise unknown_object_error(self.get_queryset().model, data) from None


class CodeRelatedField(serializers.SlugRelatedField):
    """A related reference object by its ``code`` (organisation kind, province, framework)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "code")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError(_("Expected a code (text)."), code="invalid")
        try:
            return self.get_queryset().get(**{self.slug_field: data})
        except ObjectDoesNotExist:
            raise unknown_object_error(self.get_queryset().model, data) from None


class ModelSerializer(serializers.ModelSerializer):
    """Validates with the model's own rules; saves with the requesting user in history."""

    serializer_related_field = ScopedPrimaryKeyRelatedField

    def get_validators(self):
        return []  # constraints over several fields are checked by the model (see validate())

    # --- validation ---------------------------------------------------------------------
    def candidate(self, attrs) -> models.Model:
        """The object as it would be saved (not saved)."""
        instance = copy.copy(self.instance) if self.instance is not None else self.Meta.model()
        for name, value in attrs.items():
            setattr(instance, name, value)
        return instance

    def model_exclude(self) -> list[str]:
        """Model fields the serializer does not write: not validated by ``full_clean``."""
        writable = {f.source for f in self._writable_fields if f.source != "*"}
        return [f.name for f in self.Meta.model._meta.fields if f.name not in writable]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = self.candidate(attrs)
        exclude = self.model_exclude()
        errors: dict[str, list] = {}
        try:
            instance.full_clean(exclude=exclude, validate_constraints=False)
        except DjangoValidationError as exc:
            errors = exc.update_error_dict(errors)
        for field, messages in self.constraint_errors(instance, exclude).items():
            errors.setdefault(field, []).extend(messages)
        if errors:
            raise serializers.ValidationError(
                {
                    (non_field_key() if key == NON_FIELD_ERRORS else key): [
                        message for error in value for message in _messages(error)
                    ]
                    for key, value in errors.items()
                }
            )
        return attrs

    def constraint_errors(self, instance, exclude) -> dict[str, list[str]]:
        """Each violated database constraint, reported under the fields it is about."""
        errors: dict[str, list[str]] = {}
        writable = {f.field_name for f in self._writable_fields}
        for model_class, constraints in instance.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model_class, instance, exclude=exclude)
                except DjangoValidationError as exc:
                    message = constraint_message(constraint, exc.messages)
                    fields = [f for f in constraint_fields(constraint) if f in writable]
                    for field in fields or [non_field_key()]:
                        errors.setdefault(field, []).extend(message)
        return errors

    # --- saving ---------------------------------------------------------------------------
    def _user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def create(self, validated_data):
        instance = self.Meta.model(**validated_data)
        instance._history_user = self._user()
        instance.save()
        return instance

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        instance._history_user = self._user()
        instance.save()
        return instance


def _messages(error) -> list[str]:
    if isinstance(error, DjangoValidationError):
        return [str(m) for m in error.messages]
    return [str(error)]


# --- Shared checks for tree-shaped and organisation-bound relations -----------------------
def check_same_organization(related, organization, field: str) -> None:
    """``related`` (a unit, a position…) must belong to ``organization``."""
    if (
        related is not None
        and organization is not None
        and related.organization_id != organization.pk
    ):
        raise serializers.ValidationError(
            {field: [_("Choose one that belongs to the same organisation.")]}
        )


def check_not_own_descendant(instance, parent, field: str = "parent") -> None:
    """Following ``parent`` links from ``parent`` must never reach ``instance``."""
    if instance is None or instance.pk is None or parent is None:
        return
    seen: set[int] = set()
    node = parent
    while node is not None and node.pk not in seen:
        if node.pk == instance.pk:
            raise serializers.ValidationError(
                {field: [_("It cannot be placed under itself or under one of its own children.")]}
            )
        seen.add(node.pk)
        node = getattr(node, field)
