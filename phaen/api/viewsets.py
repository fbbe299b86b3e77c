"""Viewset base classes: every query starts from the access policy.

:class:`ScopedModelViewSet` is the shape of every organisation-scoped endpoint:

* list and retrieve read ``access.scope(queryset, user, "view")``: an object the user may
  not see is a 404, exactly like one that does not exist;
* update and delete first find the object among the visible ones (404 otherwise), then
  ask ``access.can(user, "change" | "delete", obj)`` — visible but not allowed is a 403;
* create validates the payload first (a related object the user cannot see is a 400
  naming the field, see ``phaen.api.serializers``), then asks whether the user may add
  in the target organisation (``access.can_in_org(user, create_capability, org)``);
  moving an object to another organisation needs the same right there.

Writes record the requesting user in the object's history.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, viewsets

from phaen.api.language import RequestLanguageMixin
from phaen.api.parsers import TextJSONParser, refuse_nul_in_query
from phaen.api.schema import AutoSchema
from phaen.api.serializers import parse_id
from phaen.organizations import access

ACCESS_ACTIONS = {
    "list": "view",
    "retrieve": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
}


class IdLookupMixin(RequestLanguageMixin):
    """Objects are addressed by their numeric id (the same id the ``phaen`` commands take);
    answers are in the client's language."""

    lookup_value_regex = r"[0-9]+"
    schema = AutoSchema()
    # JSON only: form and multipart bodies would double the surface for no client.
    parser_classes = [TextJSONParser]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        refuse_nul_in_query(request)

    def get_object(self):
        if parse_id(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)) is None:
            raise exceptions.NotFound()  # e.g. an id too large for the database
        return super().get_object()


class ReferenceViewSet(IdLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Reference lists (kinds, provinces, frameworks…): any logged-in user reads them;
    administrators maintain them in the Django admin."""


class ScopedModelViewSet(IdLookupMixin, viewsets.ModelViewSet):
    """CRUD over an organisation-scoped model (see the module docstring)."""

    #: organisation-level capability needed to add (or move) an object into an organisation
    create_capability = "manage_people"
    denied_message = _("You may not make this change in this organisation.")

    def base_queryset(self):
        """The model's queryset with the joins its serializer needs (override)."""
        return self.queryset.all()

    @property
    def access_action(self) -> str:
        return ACCESS_ACTIONS.get(self.action, "view")

    def get_queryset(self):
        return access.scope(self.base_queryset(), self.request.user, "view")

    def get_object(self):
        obj = super().get_object()  # 404 unless the user may see it
        action = self.access_action
        if action in ("change", "delete") and not self.may(action, obj):
            raise exceptions.PermissionDenied()
        return obj

    def may(self, action: str, obj) -> bool:
        return access.can(self.request.user, action, obj)

    # --- the target organisation of a write -------------------------------------------------
    def target_organization(self, data: dict, instance=None):
        """The organisation a new or changed object belongs to (override if indirect)."""
        if "organization" in data:
            return data["organization"]
        return getattr(instance, "organization", None)

    def may_write_in(self, organization) -> bool:
        user = self.request.user
        if organization is None:
            return bool(user.is_superuser)
        return access.can_in_org(user, self.create_capability, organization)

    def check_write_in(self, organization) -> None:
        if not self.may_write_in(organization):
            raise exceptions.PermissionDenied(self.denied_message)

    # --- writes ---------------------------------------------------------------------------
    def perform_create(self, serializer):
        self.check_write_in(self.target_organization(serializer.validated_data))
        with transaction.atomic():
            serializer.save()

    def perform_update(self, serializer):
        instance = serializer.instance
        before = self.target_organization({}, instance)
        after = self.target_organization(serializer.validated_data, instance)
        if after != before:
            self.check_write_in(after)
        with transaction.atomic():
            serializer.save()

    def perform_destroy(self, instance):
        instance._history_user = self.request.user
        with transaction.atomic():
            instance.delete()
