"""The shared form layout lays radio buttons and checkboxes out one per line, each with its
own label (they were squeezed into one box), and says so when there is nothing to choose."""

from django import forms
from django.template.loader import render_to_string
from django.utils import translation


class Sample(forms.Form):
    asked = forms.MultipleChoiceField(
        label="หน่วยงาน",
        choices=[("1", "สำนักงานเขตพื้นที่การศึกษา เขต 1"), ("2", "วิทยาลัยเทคนิค")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    kind = forms.ChoiceField(label="ประเภท", choices=[], widget=forms.RadioSelect, required=False)


def test_each_choice_is_a_bootstrap_check_with_its_label():
    with translation.override("th"):
        html = render_to_string("web/_form_fields.html", {"form": Sample(initial={"asked": ["2"]})})
    assert html.count('class="form-check"') == 2
    assert (
        '<input class="form-check-input" type="checkbox" name="asked" value="2" '
        'id="id_asked_1" checked>' in html
    )
    assert (
        '<label class="form-check-label" for="id_asked_0">สำนักงานเขตพื้นที่การศึกษา เขต 1</label>'
        in html
    )
    assert "<legend" in html and "ไม่มีรายการให้เลือก" in html  # the radio list has no choice
