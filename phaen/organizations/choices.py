from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles a person or a position holds in an organisation (PRODUCT.md, "Who uses it")."""

    ORG_ADMIN = "org_admin", _("Organisation admin")
    PLANNER = "planner", _("Planner")
    PROJECT_OWNER = "project_owner", _("Project owner")
    FINANCE = "finance", _("Finance / procurement officer")
    EXECUTIVE = "executive", _("Executive")
    COMMITTEE = "committee", _("Committee member")
    VIEWER = "viewer", _("Staff (read only)")


class UnitKind(models.TextChoices):
    OFFICE = "office", _("Office (สำนัก)")
    DIVISION = "division", _("Division (กอง)")
    SECTION = "section", _("Section (ส่วน)")
    GROUP = "group", _("Work group (กลุ่มงาน)")
    SUBDIVISION = "subdivision", _("Subdivision (ฝ่าย)")
    TASK = "task", _("Task unit (งาน)")
    OTHER = "other", _("Other unit")


class AppointmentKind(models.TextChoices):
    REGULAR = "regular", _("Holds the position")
    ACTING = "acting", _("Acting for (รักษาราชการแทน)")
    ACTING_IN_POSITION = "acting_in_position", _("Acting in the position (รักษาการในตำแหน่ง)")
