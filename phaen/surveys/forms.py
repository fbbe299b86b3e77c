"""Forms of the surveys app: the survey (staff), its questions, and the public answers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from phaen.core.forms import ThaiDateField
from phaen.plans.choices import ProjectStatus
from phaen.plans.models import Activity, Project
from phaen.surveys.models import Question, Survey


def manageable_projects(user, organization):
    """Projects of ``organization`` the user may attach surveys to (planners: all; owners:
    their own), cancelled ones left out."""
    return (
        Project.objects.for_user(user, "change")
        .filter(plan__organization=organization)
        .exclude(status=ProjectStatus.CANCELLED)
        .select_related("plan")
        .order_by("-plan__fiscal_year", "plan__edition_number", "sort_order", "id")
    )


class ProjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        code = f"{obj.code} " if obj.code else ""
        return f"{code}{obj.name} ({obj.plan.fiscal_year} · {obj.plan.edition_label})"


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} — {obj.project.name}"


class SurveyForm(forms.ModelForm):
    project = ProjectChoiceField(label=_("Project"), queryset=Project.objects.none())
    activity = ActivityChoiceField(
        label=_("Activity"),
        queryset=Activity.objects.none(),
        required=False,
        help_text=_("Leave empty for a survey of the whole project."),
    )
    opens_on = ThaiDateField(label=_("Open from"), required=False)
    closes_on = ThaiDateField(label=_("Open until"), required=False)
    default_questions = forms.BooleanField(
        label=_("Start with the standard satisfaction questions"), required=False, initial=True
    )

    class Meta:
        model = Survey
        fields = ["project", "activity", "title", "intro", "opens_on", "closes_on"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, organization, **kwargs):
        super().__init__(*args, **kwargs)
        projects = manageable_projects(user, organization)
        if self.instance.pk:
            # the project stays (answers belong to it); only its activity may change
            projects = Project.objects.filter(pk=self.instance.project_id).select_related("plan")
            self.fields["project"].disabled = True
            del self.fields["default_questions"]
        self.fields["project"].queryset = projects
        self.fields["activity"].queryset = (
            Activity.objects.filter(project__in=projects)
            .select_related("project")
            .order_by("project", "sort_order", "id")
        )

    def clean(self):
        data = super().clean()
        project, activity = data.get("project"), data.get("activity")
        if project and activity and activity.project_id != project.pk:
            self.add_error("activity", _("The activity must belong to the survey's project."))
        return data

    def service_fields(self) -> dict:
        fields = {k: self.cleaned_data[k] for k in ("activity", "title", "intro")}
        fields.update(
            opens_on=self.cleaned_data["opens_on"], closes_on=self.cleaned_data["closes_on"]
        )
        return fields


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["order", "kind", "text", "required"]
        widgets = {"order": forms.NumberInput(attrs={"min": 0, "style": "max-width: 6rem"})}


QuestionFormSet = forms.modelformset_factory(Question, form=QuestionForm, extra=1, can_delete=True)
