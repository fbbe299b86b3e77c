from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    STRATEGIC = "strategic", _("Strategic plan")
    ACTION_MULTI_YEAR = "action_multi_year", _("Multi-year government action plan")
    LOCAL_DEVELOPMENT = "local_development", _("Local development plan")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class Digits(models.TextChoices):
    ARABIC = "arabic", _("Arabic digits (1 2 3)")
    THAI = "thai", _("Thai digits (๑ ๒ ๓)")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")
    BAND = "band", _("Within a target band")


class Combination(models.TextChoices):
    NOT_CUMULATIVE = "not_cumulative", _("Not cumulative (each period stands alone)")
    CUMULATIVE_SUM = "cumulative_sum", _("Cumulative sum of the periods")
    LATEST = "latest", _("Latest value")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Every six months")
    YEARLY = "yearly", _("Yearly")


class SwotScope(models.TextChoices):
    ORGANIZATION = "organization", _("The organisation")
    PLANNING = "planning", _("The planning work")


class Quadrant(models.TextChoices):
    STRENGTH = "S", _("Strength")
    WEAKNESS = "W", _("Weakness")
    OPPORTUNITY = "O", _("Opportunity")
    THREAT = "T", _("Threat")


class TowsKind(models.TextChoices):
    SO = "SO", _("SO: use strengths to seize opportunities")
    WO = "WO", _("WO: overcome weaknesses through opportunities")
    ST = "ST", _("ST: use strengths against threats")
    WT = "WT", _("WT: reduce weaknesses and avoid threats")


class ProjectCategory(models.TextChoices):
    OWN = "own", _("Own project")
    COMMUNITY = "community", _("Community-plan project (ผ.02/1)")
    COORDINATION = "coordination", _("Passed to the district or province (ผ.02/2)")


class EditionKind(models.TextChoices):
    REVIEW = "review", _("Review (ทบทวน)")
    ADDITION = "addition", _("Addition (เพิ่มเติม)")
    CHANGE = "change", _("Change (เปลี่ยนแปลง)")
    CORRECTION = "correction", _("Correction (แก้ไข)")
