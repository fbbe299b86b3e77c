"""Filter building blocks shared by the apps' API filtersets."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from phaen.api.serializers import MAX_ID


class IdFilter(django_filters.NumberFilter):
    """An object id. A number no database can store is a 400 naming the parameter, never a
    driver overflow; an id of an object the user cannot see simply matches nothing."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


def search_filter(*fields: str):
    """A ``method`` for a CharFilter: case-insensitive substring on any of ``fields``."""

    def apply(queryset, name, value):
        if not value:
            return queryset
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)

    return apply
