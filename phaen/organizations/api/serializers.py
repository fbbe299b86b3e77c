"""API representations of organisations, units, positions, people, roles and users.

Related objects are numeric ids (``organization``, ``parent``, ``unit`` …) limited to
those the requesting user may see; reference data (organisation kind, province) is
named by its code. Validation is the model's own (``phaen.api.serializers``).
"""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from phaen.accounts.models import User
from phaen.api.serializers import (
    PERSON_HAS_ACCOUNT,
    CodeRelatedField,
    ModelSerializer,
    ScopedPrimaryKeyRelatedField,
    check_not_own_descendant,
    check_same_organization,
)
from phaen.organizations.models import (
    Appointment,
    Organization,
    OrganizationKind,
    Person,
    Position,
    Province,
    RoleAssignment,
    Unit,
)

TIMESTAMPS = ["created_at", "updated_at"]


def _current(attrs: dict, instance, name: str):
    """The value ``name`` will have after the write (payload first, then stored)."""
    if name in attrs:
        return attrs[name]
    return getattr(instance, name, None) if instance is not None else None


# --- Reference data ---------------------------------------------------------------------------
class OrganizationKindSerializer(serializers.ModelSerializer):
    """A kind of organisation (reference data); ``parent`` is the broader kind's code."""

    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = OrganizationKind
        fields = [
            "id",
            "code",
            "name_th",
            "name_en",
            "abbr_th",
            "parent",
            "is_local_administration",
            "is_default",
            "sort_order",
        ]


class ProvinceSerializer(serializers.ModelSerializer):
    """A Thai province (DOPA province code)."""

    class Meta:
        model = Province
        fields = ["id", "code", "name_th", "name_en"]


# --- Organisations ----------------------------------------------------------------------------
class OrganizationSerializer(ModelSerializer):
    """An organisation; ``kind`` and ``province`` are codes, ``parent`` an organisation id."""

    kind = CodeRelatedField(queryset=OrganizationKind.objects.all(), required=False)
    province = CodeRelatedField(queryset=Province.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Organization
        fields = [
            "id",
            "code",
            "name_th",
            "name_en",
            "short_name_th",
            "kind",
            "parent",
            "province",
            "address",
            "is_active",
            "path",
            "depth",
            *TIMESTAMPS,
        ]


class UnitSerializer(ModelSerializer):
    """An internal unit of an organisation, possibly under another unit of the same one."""

    class Meta:
        model = Unit
        fields = [
            "id",
            "organization",
            "parent",
            "code",
            "name_th",
            "name_en",
            "kind",
            "sort_order",
            *TIMESTAMPS,
        ]

    def validate(self, attrs):
        organization = _current(attrs, self.instance, "organization")
        parent = _current(attrs, self.instance, "parent")
        check_same_organization(parent, organization, "parent")
        check_not_own_descendant(self.instance, parent)
        return super().validate(attrs)


class HolderSerializer(serializers.Serializer):
    """A person currently appointed to a position."""

    person = serializers.IntegerField(help_text="Person id")
    full_name = serializers.CharField()
    appointment = serializers.IntegerField(help_text="Appointment id")
    # Plain text, not a second enum: the schema would otherwise hold the appointment kinds
    # under two names (a drf-spectacular warning). Same values as Appointment.kind.
    kind = serializers.CharField(help_text="Appointment kind: regular, acting, acting_in_position")
    start_date = serializers.DateField()


class PositionSerializer(ModelSerializer):
    """A position; ``holders`` are the people appointed to it today."""

    holders = serializers.SerializerMethodField()

    class Meta:
        model = Position
        fields = [
            "id",
            "organization",
            "unit",
            "number",
            "title_th",
            "title_en",
            "is_head",
            "supervisor",
            "sort_order",
            "holders",
            *TIMESTAMPS,
        ]

    def validate(self, attrs):
        organization = _current(attrs, self.instance, "organization")
        check_same_organization(_current(attrs, self.instance, "unit"), organization, "unit")
        check_not_own_descendant(
            self.instance, _current(attrs, self.instance, "supervisor"), field="supervisor"
        )
        return super().validate(attrs)

    @extend_schema_field(HolderSerializer(many=True))
    def get_holders(self, position) -> list[dict]:
        appointments = getattr(position, "current_appointments", None)
        if appointments is None:  # a single object just written: not prefetched
            appointments = (
                Appointment.objects.current().filter(position=position).select_related("person")
            )
        return [
            {
                "person": a.person_id,
                "full_name": a.person.full_name,
                "appointment": a.pk,
                "kind": a.kind,
                "start_date": a.start_date,
            }
            for a in appointments
        ]


class PersonSerializer(ModelSerializer):
    """A person working for an organisation; ``user`` is their login's id, if any."""

    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "organization",
            "title_th",
            "first_name_th",
            "last_name_th",
            "first_name_en",
            "last_name_en",
            "full_name",
            "email",
            "phone",
            "user",
            *TIMESTAMPS,
        ]
        read_only_fields = ["user"]  # linked from the users endpoint


class AppointmentSerializer(ModelSerializer):
    """A person holding a position from ``start_date`` (until ``end_date``, if set)."""

    is_current = serializers.SerializerMethodField()

    class Meta:
        model = Appointment
        fields = [
            "id",
            "position",
            "person",
            "kind",
            "start_date",
            "end_date",
            "order_reference",
            "is_current",
            *TIMESTAMPS,
        ]

    def get_is_current(self, appointment) -> bool:
        return appointment.is_current()


class RoleAssignmentSerializer(ModelSerializer):
    """A role in an organisation, given to a person or to a position (exactly one)."""

    class Meta:
        model = RoleAssignment
        fields = ["id", "organization", "role", "person", "position", *TIMESTAMPS]


# --- Users ------------------------------------------------------------------------------------
class UserSerializer(ModelSerializer):
    """A login. Passwords are never read nor written here."""

    person = ScopedPrimaryKeyRelatedField(
        queryset=Person.objects.all(),
        required=False,
        allow_null=True,
        help_text="The person this login belongs to (their organisation's admins manage it).",
    )
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "display_name",
            "first_name",
            "last_name",
            "email",
            "is_active",
            "is_superuser",
            "person",
            "last_login",
            "date_joined",
        ]
        read_only_fields = ["is_superuser", "last_login", "date_joined"]

    def validate_person(self, person):
        if (
            person is not None
            and person.user_id
            and person.user_id != getattr(self.instance, "pk", None)
        ):
            raise serializers.ValidationError(PERSON_HAS_ACCOUNT, code="unique")
        return person

    def candidate(self, attrs):
        return super().candidate({k: v for k, v in attrs.items() if k != "person"})

    def create(self, validated_data):
        person = validated_data.pop("person", None)
        with transaction.atomic():
            user = User(**validated_data)
            user.set_unusable_password()  # passwords are set by the person or an admin
            user.save()
            self._link(user, person, previous=None)
        return user

    def update(self, instance, validated_data):
        linking = "person" in validated_data
        person = validated_data.pop("person", None)
        previous = getattr(instance, "person", None)
        with transaction.atomic():
            user = super().update(instance, validated_data)
            if linking:
                self._link(user, person, previous=previous)
        return user

    def _link(self, user, person, *, previous) -> None:
        if previous is not None and previous != person:
            previous.user = None
            previous._history_user = self._user()
            previous.save()
        if person is not None and person.user_id != user.pk:
            person.user = user
            person._history_user = self._user()
            person.save()


class MeRolesSerializer(serializers.Serializer):
    organization = serializers.IntegerField(help_text="Organisation id")
    code = serializers.CharField()
    name = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())


class MePersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    organization = serializers.IntegerField(help_text="Organisation id")


class MeSerializer(serializers.Serializer):
    """The caller: their login, their person and their roles per organisation."""

    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    is_superuser = serializers.BooleanField()
    person = MePersonSerializer(allow_null=True)
    roles = MeRolesSerializer(many=True)
