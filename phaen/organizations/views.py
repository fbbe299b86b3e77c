"""Organisation pages: the list, an organisation with its units, positions, people and
roles, a person, a position, and the organisation admin's forms.

Scoping: every object comes from a ``for_user`` queryset (404 when invisible), then the
action is checked (403 when visible but not allowed). Forms are thin; services write.
The add forms also work inline through htmx: the same URL returns the form fragment,
and on success the refreshed section of the organisation page.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Prefetch, Q, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from phaen.core.templatetags.thai import thai_date
from phaen.organizations import access, services
from phaen.organizations.choices import AppointmentKind
from phaen.organizations.filters import OrganizationFilter
from phaen.organizations.forms import (
    AppointmentEndForm,
    AppointmentForm,
    PersonForm,
    PositionForm,
    RoleAssignmentForm,
    ThaiDateField,
    UnitForm,
)
from phaen.organizations.models import (
    Appointment,
    Organization,
    Person,
    Position,
    RoleAssignment,
    Unit,
)
from phaen.web.htmx import is_fragment
from phaen.web.selectors import Crumb, ancestor_crumbs

LIST_PAGE_SIZE = 50


# --- helpers --------------------------------------------------------------------------------


def _visible_org(request, pk: int) -> Organization:
    qs = Organization.objects.for_user(request.user, "view").select_related(
        "kind", "province", "parent"
    )
    return get_object_or_404(qs, pk=pk)


def _require_manage(request, org: Organization) -> None:
    if not access.can_in_org(request.user, "manage_people", org):
        raise PermissionDenied


def _require(request, action: str, obj) -> None:
    if not access.can(request.user, action, obj):
        raise PermissionDenied


def _org_crumbs(request, org: Organization, *more: Crumb) -> list[Crumb]:
    return [
        Crumb(_("Organisations"), reverse("organizations:list")),
        *ancestor_crumbs(org, request.user),
        Crumb(org.name, reverse("organizations:detail", args=[org.pk])),
        *more,
    ]


def _apply_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def tree_rows(items, parent_attr: str = "parent_id") -> list[tuple[object, int]]:
    """``items`` in depth-first tree order, each with its depth (items keep their order
    among siblings). Items whose parent is not in ``items`` are roots."""
    ids = {item.pk for item in items}
    children = defaultdict(list)
    roots = []
    for item in items:
        parent = getattr(item, parent_attr)
        (children[parent] if parent in ids else roots).append(item)
    rows: list[tuple[object, int]] = []
    stack = [(item, 0) for item in reversed(roots)]
    seen = set()
    while stack:
        item, depth = stack.pop()
        if item.pk in seen:
            continue
        seen.add(item.pk)
        rows.append((item, depth))
        stack.extend((child, depth + 1) for child in reversed(children[item.pk]))
    return rows


# --- sections of the organisation page (also returned to htmx after an inline add) ----------


def _units_section(request, org: Organization) -> dict:
    units = list(Unit.objects.for_user(request.user, "view").filter(organization=org))
    return {"unit_rows": tree_rows(units)}


def _current_appointments(today) -> Prefetch:
    """Current holders of each position: the regular holder first, then acting ones."""
    regular_first = Case(When(kind=AppointmentKind.REGULAR, then=0), default=1)
    return Prefetch(
        "appointments",
        queryset=Appointment.objects.current(today)
        .select_related("person")
        .order_by(regular_first, "start_date"),
        to_attr="current_appointments",
    )


def _positions_section(request, org: Organization) -> dict:
    today = timezone.localdate()
    positions = (
        Position.objects.for_user(request.user, "view")
        .filter(organization=org)
        .select_related("unit")
        .prefetch_related(_current_appointments(today))
    )
    return {"positions": list(positions), "today": today}


def _people_section(request, org: Organization) -> dict:
    today = timezone.localdate()
    people = (
        Person.objects.for_user(request.user, "view")
        .filter(organization=org)
        .prefetch_related(
            Prefetch(
                "appointments",
                queryset=Appointment.objects.current(today).select_related("position"),
                to_attr="current_appointments",
            )
        )
    )
    return {"people": list(people)}


def _roles_section(request, org: Organization) -> dict:
    assignments = (
        RoleAssignment.objects.for_user(request.user, "view")
        .filter(organization=org)
        .select_related("person", "position")
        .order_by("role", "pk")
    )
    return {"assignments": list(assignments)}


SECTIONS = {
    "units": ("organizations/_units.html", _units_section),
    "positions": ("organizations/_positions.html", _positions_section),
    "people": ("organizations/_people.html", _people_section),
    "roles": ("organizations/_roles.html", _roles_section),
}


def _section_response(request, org: Organization, name: str):
    """The refreshed section ``name`` of the organisation page, swapped in by htmx."""
    template, build = SECTIONS[name]
    context = {"org": org, "can_manage": True, **build(request, org)}
    response = render(request, template, context)
    return reswap(retarget(response, f"#{name}-section"), "outerHTML")


# --- pages ----------------------------------------------------------------------------------


@require_GET
@login_required
def organization_list(request):
    base = Organization.objects.for_user(request.user, "view").select_related(
        "kind", "province", "parent"
    )
    filterset = OrganizationFilter(request.GET or None, queryset=base)
    page = Paginator(filterset.qs.order_by("path"), LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = list(page.object_list)
    top = min((org.depth for org in rows), default=0)
    context = {
        "filter": filterset,
        "page": page,
        "rows": [(org, org.depth - top) for org in rows],
        "breadcrumbs": [Crumb(_("Organisations"))],
    }
    return render(request, "organizations/organization_list.html", context)


@require_GET
@login_required
def organization_detail(request, pk: int):
    org = _visible_org(request, pk)
    children = list(
        Organization.objects.for_user(request.user, "view")
        .filter(parent=org)
        .select_related("kind", "province")
        .order_by("name_th")
    )
    context = {
        "org": org,
        "children": children,
        "can_manage": access.can_in_org(request.user, "manage_people", org),
        "breadcrumbs": _org_crumbs(request, org),
    }
    for _template, build in SECTIONS.values():
        context.update(build(request, org))
    return render(request, "organizations/organization_detail.html", context)


@require_GET
@login_required
def person_detail(request, pk: int):
    person = get_object_or_404(
        Person.objects.for_user(request.user, "view").select_related("organization", "user"),
        pk=pk,
    )
    today = timezone.localdate()
    appointments = list(
        Appointment.objects.for_user(request.user, "view")
        .filter(person=person)
        .select_related("position__organization", "position__unit")
        .order_by("-start_date")
    )
    current = [a for a in appointments if a.is_current(today)]
    current_positions = [a.position_id for a in current]
    roles = (
        RoleAssignment.objects.for_user(request.user, "view")
        .filter(Q(person=person) | Q(position_id__in=current_positions))
        .select_related("organization", "position")
        .order_by("organization__path", "role")
    )
    context = {
        "person": person,
        "current": current,
        "past": [a for a in appointments if a.end_date and a.end_date < today],
        "future": [a for a in appointments if a.start_date > today],
        "roles": list(roles),
        "can_edit": access.can(request.user, "change", person),
        "breadcrumbs": _org_crumbs(request, person.organization, Crumb(person.full_name)),
    }
    return render(request, "organizations/person_detail.html", context)


@require_GET
@login_required
def position_detail(request, pk: int):
    position = get_object_or_404(
        Position.objects.for_user(request.user, "view").select_related(
            "organization", "unit", "supervisor"
        ),
        pk=pk,
    )
    org = position.organization
    can_manage = access.can_in_org(request.user, "manage_people", org)
    context = {
        "position": position,
        "org": org,
        "can_manage": can_manage,
        "roles": list(
            RoleAssignment.objects.for_user(request.user, "view")
            .filter(position=position)
            .select_related("organization")
        ),
        "breadcrumbs": _org_crumbs(request, org, Crumb(position.title)),
        **_holders_context(request, position),
    }
    return render(request, "organizations/position_detail.html", context)


def _holders_context(request, position: Position) -> dict:
    today = timezone.localdate()
    appointments = list(
        Appointment.objects.for_user(request.user, "view")
        .filter(position=position)
        .select_related("person")
        .order_by("-start_date")
    )
    return {
        "appointments": appointments,
        "current_ids": {a.pk for a in appointments if a.is_current(today)},
        "end_form": AppointmentEndForm(),
        "end_default": ThaiDateField().prepare_value(today),
        "today": today,
    }


# --- organisation admin: forms --------------------------------------------------------------


def _form_response(request, *, form, title: str, action: str, cancel: str, crumbs):
    """The form as a fragment (htmx) or inside a full page."""
    context = {
        "form": form,
        "form_title": title,
        "action": action,
        "cancel_url": cancel,
        "breadcrumbs": crumbs,
        "inline": is_fragment(request),
    }
    if is_fragment(request):
        return render(request, "organizations/_form.html", context)
    return render(request, "organizations/form_page.html", context)


def _create_in_org(request, pk, *, form_class, service, section, title, success_message):
    """Shared flow of the "add X to this organisation" pages."""
    org = _visible_org(request, pk)
    _require_manage(request, org)
    form = form_class(request.POST or None, organization=org)
    if request.method == "POST" and form.is_valid():
        try:
            obj = service(organization=org, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            if is_fragment(request):
                return _section_response(request, org, section)
            messages.success(request, success_message % {"name": obj})
            return redirect(reverse("organizations:detail", args=[org.pk]) + f"#{section}")
    return _form_response(
        request,
        form=form,
        title=title,
        action=request.path,
        cancel=reverse("organizations:detail", args=[org.pk]) + f"#{section}",
        crumbs=_org_crumbs(request, org, Crumb(title)),
    )


@require_http_methods(["GET", "POST"])
@login_required
def unit_create(request, pk: int):
    return _create_in_org(
        request,
        pk,
        form_class=UnitForm,
        service=services.unit_create,
        section="units",
        title=_("Add a unit"),
        success_message=_("Unit %(name)s added."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def position_create(request, pk: int):
    return _create_in_org(
        request,
        pk,
        form_class=PositionForm,
        service=services.position_create,
        section="positions",
        title=_("Add a position"),
        success_message=_("Position %(name)s added."),
    )


def _person_form(*args, organization, **kwargs):
    return PersonForm(*args, **kwargs)


@require_http_methods(["GET", "POST"])
@login_required
def person_create(request, pk: int):
    return _create_in_org(
        request,
        pk,
        form_class=_person_form,
        service=services.person_create,
        section="people",
        title=_("Add a person"),
        success_message=_("%(name)s added."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def role_create(request, pk: int):
    return _create_in_org(
        request,
        pk,
        form_class=RoleAssignmentForm,
        service=services.role_assign,
        section="roles",
        title=_("Give a role"),
        success_message=_("Role given: %(name)s."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def unit_edit(request, pk: int):
    unit = get_object_or_404(
        Unit.objects.for_user(request.user, "view").select_related("organization"), pk=pk
    )
    _require(request, "change", unit)
    org = unit.organization
    form = UnitForm(request.POST or None, instance=unit, organization=org)
    back = reverse("organizations:detail", args=[org.pk]) + "#units"
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_update(unit=unit, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Unit %(name)s saved.") % {"name": unit})
            return redirect(back)
    title = _("Edit unit %(name)s") % {"name": unit}
    return _form_response(
        request,
        form=form,
        title=title,
        action=request.path,
        cancel=back,
        crumbs=_org_crumbs(request, org, Crumb(title)),
    )


@require_http_methods(["GET", "POST"])
@login_required
def position_edit(request, pk: int):
    position = get_object_or_404(
        Position.objects.for_user(request.user, "view").select_related("organization"), pk=pk
    )
    _require(request, "change", position)
    org = position.organization
    form = PositionForm(request.POST or None, instance=position, organization=org)
    back = reverse("organizations:position_detail", args=[position.pk])
    if request.method == "POST" and form.is_valid():
        try:
            services.position_update(position=position, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Position %(name)s saved.") % {"name": position})
            return redirect(back)
    title = _("Edit position %(name)s") % {"name": position}
    return _form_response(
        request,
        form=form,
        title=title,
        action=request.path,
        cancel=back,
        crumbs=_org_crumbs(request, org, Crumb(position.title, back), Crumb(_("Edit"))),
    )


@require_http_methods(["GET", "POST"])
@login_required
def person_edit(request, pk: int):
    person = get_object_or_404(
        Person.objects.for_user(request.user, "view").select_related("organization"), pk=pk
    )
    _require(request, "change", person)
    form = PersonForm(request.POST or None, instance=person)
    back = reverse("organizations:person_detail", args=[person.pk])
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(person=person, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("%(name)s saved.") % {"name": person})
            return redirect(back)
    title = _("Edit %(name)s") % {"name": person}
    return _form_response(
        request,
        form=form,
        title=title,
        action=request.path,
        cancel=back,
        crumbs=_org_crumbs(
            request, person.organization, Crumb(person.full_name, back), Crumb(_("Edit"))
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def appointment_create(request, pk: int):
    position = get_object_or_404(
        Position.objects.for_user(request.user, "view").select_related("organization"), pk=pk
    )
    org = position.organization
    _require_manage(request, org)
    form = AppointmentForm(request.POST or None, position=position)
    back = reverse("organizations:position_detail", args=[position.pk])
    if request.method == "POST" and form.is_valid():
        try:
            appointment = services.appointment_create(
                position=position, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            if is_fragment(request):
                response = render(
                    request,
                    "organizations/_holders.html",
                    {
                        "position": position,
                        "can_manage": True,
                        **_holders_context(request, position),
                    },
                )
                return reswap(retarget(response, "#holders-section"), "outerHTML")
            messages.success(request, _("%(person)s appointed.") % {"person": appointment.person})
            return redirect(back)
    title = _("Appoint someone to %(position)s") % {"position": position}
    return _form_response(
        request,
        form=form,
        title=title,
        action=request.path,
        cancel=back,
        crumbs=_org_crumbs(request, org, Crumb(position.title, back), Crumb(_("Appoint"))),
    )


@require_POST
@login_required
def appointment_end(request, pk: int):
    appointment = get_object_or_404(
        Appointment.objects.for_user(request.user, "view").select_related("person", "position"),
        pk=pk,
    )
    _require(request, "change", appointment)
    form = AppointmentEndForm(request.POST)
    back = reverse("organizations:position_detail", args=[appointment.position_id])
    if form.is_valid():
        try:
            services.appointment_end(
                appointment=appointment, end_date=form.cleaned_data["end_date"], by=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("The appointment of %(person)s ends on %(date)s.")
                % {"person": appointment.person, "date": thai_date(appointment.end_date)},
            )
    else:
        messages.error(request, " ".join(form.errors["end_date"]))
    return redirect(back)


@require_POST
@login_required
def role_delete(request, pk: int):
    assignment = get_object_or_404(
        RoleAssignment.objects.for_user(request.user, "view").select_related(
            "organization", "person", "position"
        ),
        pk=pk,
    )
    _require(request, "delete", assignment)
    org = assignment.organization
    label = str(assignment)
    services.role_revoke(assignment=assignment, by=request.user)
    if is_fragment(request):
        return _section_response(request, org, "roles")
    messages.success(request, _("Role taken away: %(name)s.") % {"name": label})
    return redirect(reverse("organizations:detail", args=[org.pk]) + "#roles")
