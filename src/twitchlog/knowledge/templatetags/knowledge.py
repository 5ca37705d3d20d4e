from typing import Any

from django import template
from django.forms import BoundField
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from twitchlog.knowledge.care import care_for
from twitchlog.knowledge.para import Para
from twitchlog.knowledge.red_flags import RED_FLAGS, grouped
from twitchlog.knowledge.references import REFERENCES, REFERENCES_BY_KEY

register = template.Library()

_NUMBERS = {ref.key: number for number, ref in enumerate(REFERENCES, start=1)}


@register.simple_tag
def cites(refs: tuple[str, ...]) -> str:
    """Sources as numbered links to the references page: [19][23]."""
    return format_html_join(
        "",
        '<a class="cite" href="{}#ref-{}" title="{}">[{}]</a>',
        (
            (reverse("knowledge:references"), key, REFERENCES_BY_KEY[key].citation, _NUMBERS[key])
            for key in refs
        ),
    )


@register.simple_tag
def para(p: Para) -> str:
    """A paragraph with its sources as numbered links to the references page."""
    return format_html("<p>{} {}</p>", p.text, cites(p.refs))


@register.inclusion_tag("knowledge/_flag_checklist.html", takes_context=True)
def red_flag_checklist(context: template.Context, field: BoundField) -> dict[str, Any]:
    """The red-flag tick boxes of a form, grouped by tier with the emergency number first."""
    care = context.get("care") or care_for("")
    boxes = {str(box.data["value"]): box for box in field}
    groups = [
        (group, [boxes[flag.key] for flag in group.flags if flag.key in boxes])
        for group in grouped(RED_FLAGS, care)
    ]
    return {"field": field, "groups": groups, "care": care}
