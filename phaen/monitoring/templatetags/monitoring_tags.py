"""Template tags other apps' pages use to show follow-up facts without importing this app
(the annual plan's page lists the decisions carried into it)."""

from django import template

from phaen.monitoring import selectors

register = template.Library()


@register.inclusion_tag("monitoring/_carried_decisions.html")
def carried_decisions_panel(plan):
    """Decisions of last year's coordination meetings flagged to carry into ``plan``'s year
    (one query), for a plan that is still being drafted or revised."""
    editable = plan.state in ("draft", "returned")
    decisions = selectors.carried_decisions(plan.organization, plan.fiscal_year) if editable else []
    return {"decisions": decisions, "plan": plan}
