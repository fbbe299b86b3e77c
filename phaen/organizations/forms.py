"""Forms of the organisation pages. They parse and offer choices; services write."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phaen.core.forms import ThaiDateField
from phaen.organizations.choices import AppointmentKind, Role
from phaen.organizations.models import Organization, Person, Position, Unit


class UnitForm(forms.ModelForm):
    field_columns = {
        "code": "col-md-4",
        "kind": "col-md-4",
        "sort_order": "col-md-4",
        "name_th": "col-md-6",
        "name_en": "col-md-6",
    }

    class Meta:
        model = Unit
        fields = ["name_th", "name_en", "code", "kind", "sort_order", "parent"]

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Unit.objects.filter(organization=organization)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].empty_label = _("(none: directly under the organisation)")

    def _post_clean(self):
        # The service validates the whole unit (with its organisation) before saving.
        pass


class PositionForm(forms.ModelForm):
    field_columns = {
        "title_th": "col-md-6",
        "title_en": "col-md-6",
        "number": "col-md-4",
        "unit": "col-md-8",
        "supervisor": "col-md-8",
        "sort_order": "col-md-4",
    }

    class Meta:
        model = Position
        fields = ["title_th", "title_en", "number", "unit", "supervisor", "sort_order", "is_head"]

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organization=organization)
        self.fields["unit"].empty_label = _("(none)")
        supervisors = Position.objects.filter(
            organization_id__in=[organization.pk, *organization.ancestor_ids()]
        ).select_related("organization")
        if self.instance.pk:
            supervisors = supervisors.exclude(pk=self.instance.pk)
        self.fields["supervisor"].queryset = supervisors
        self.fields["supervisor"].empty_label = _("(none)")

    def _post_clean(self):
        pass


class PersonForm(forms.ModelForm):
    field_columns = {
        "title_th": "col-md-2",
        "first_name_th": "col-md-5",
        "last_name_th": "col-md-5",
        "first_name_en": "col-md-6",
        "last_name_en": "col-md-6",
        "email": "col-md-6",
        "phone": "col-md-6",
    }

    class Meta:
        model = Person
        fields = [
            "title_th",
            "first_name_th",
            "last_name_th",
            "first_name_en",
            "last_name_en",
            "email",
            "phone",
        ]

    def _post_clean(self):
        pass


class AppointmentForm(forms.Form):
    field_columns = {
        "person": "col-md-8",
        "kind": "col-md-4",
        "start_date": "col-md-4",
        "end_date": "col-md-4",
        "order_reference": "col-md-4",
    }

    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    kind = forms.ChoiceField(
        label=_("Kind of appointment"),
        choices=AppointmentKind.choices,
        initial=AppointmentKind.REGULAR,
    )
    start_date = ThaiDateField(label=_("From"))
    end_date = ThaiDateField(
        label=_("Until"),
        required=False,
        help_text=_("Leave empty when the appointment has no set end."),
    )
    order_reference = forms.CharField(
        label=_("Order reference"),
        max_length=200,
        required=False,
        help_text=_("e.g. คำสั่งที่ 123/2568"),
    )
    end_previous = forms.BooleanField(
        label=_("End the current holder's appointment on the day before this one starts"),
        required=False,
        help_text=_("For a successor taking over the position (regular appointments only)."),
    )

    def __init__(self, *args, position: Position, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            organization_id=position.organization_id
        )
        self.fields["person"].empty_label = _("(choose a person)")
        self.fields["start_date"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return data


class AppointmentEndForm(forms.Form):
    end_date = ThaiDateField(label=_("Last day in the position"))


class RoleAssignmentForm(forms.Form):
    field_columns = {"role": "col-md-4", "person": "col-md-8", "position": "col-md-8"}

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("(a position instead)"),
    )
    position = forms.ModelChoiceField(
        label=_("or a position"),
        queryset=Position.objects.none(),
        required=False,
        empty_label=_("(a person instead)"),
        help_text=_("A role given to a position passes to whoever holds it."),
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(organization=organization)
        self.fields["position"].queryset = Position.objects.filter(organization=organization)

    def clean(self):
        data = super().clean()
        if bool(data.get("person")) == bool(data.get("position")):
            raise forms.ValidationError(
                _("Choose either a person or a position, not both."), code="holder"
            )
        return data
