from django import forms
from django.utils.translation import gettext_lazy as _

from phaen.alerts.choices import Severity, WarningKind
from phaen.alerts.models import AlertSettings


class WarningFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    severity = forms.ChoiceField(label=_("Severity"), required=False)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["kind"].choices = everything + list(WarningKind.choices)
        self.fields["severity"].choices = everything + list(Severity.choices)
        self.fields["unit"].choices = everything + [(u.pk, str(u)) for u in units]

    def apply(self, found: list) -> list:
        if not self.is_valid():
            return found
        data = self.cleaned_data
        if data.get("kind"):
            found = [w for w in found if w.kind == data["kind"]]
        if data.get("severity"):
            found = [w for w in found if w.severity == data["severity"]]
        if data.get("unit"):
            found = [w for w in found if w.unit_id == data["unit"]]
        return found


class AlertSettingsForm(forms.ModelForm):
    webhook_url = forms.URLField(
        label=_("webhook URL"),
        required=False,
        assume_scheme="https",
        max_length=500,
        help_text=AlertSettings._meta.get_field("webhook_url").help_text,
    )

    class Meta:
        model = AlertSettings
        fields = ["stale_days", "disbursement_gap_pct", "near_days", "webhook_url"]
