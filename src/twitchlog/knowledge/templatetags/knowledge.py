from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from twitchlog.knowledge.content import Para
from twitchlog.knowledge.references import REFERENCES, REFERENCES_BY_KEY

register = template.Library()

_NUMBERS = {ref.key: number for number, ref in enumerate(REFERENCES, start=1)}


@register.simple_tag
def para(p: Para) -> str:
    """A paragraph with its sources as numbered links to the references page."""
    links = format_html_join(
        "",
        '<a class="cite" href="{}#ref-{}" title="{}">[{}]</a>',
        (
            (reverse("knowledge:references"), key, REFERENCES_BY_KEY[key].citation, _NUMBERS[key])
            for key in p.refs
        ),
    )
    return format_html("<p>{} {}</p>", p.text, links)


@register.filter
def ref_number(key: str) -> int:
    return _NUMBERS[key]
