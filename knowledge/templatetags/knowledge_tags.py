from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def kpi_number(value):
    """A KPI value the Dutch way: no needless decimals, decimal comma, thousands separator (57, 2,5, 3.400)."""
    if value is None or value == "":
        return ""
    return floatformat(Decimal(str(value)), "-2g")
