"""Crisis lines a phone can dial with one tap."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# A number as the lines write it: digits with single spaces or hyphens inside ("116 123",
# "0800 111 0 111", "988"), three digits or more.  Not part of a word or a longer number.
_NUMBER = re.compile(r"(?<![\w-])\d(?:[ -]?\d){2,14}(?![\w-])")
# "Text SHOUT to 85258": a text line, with the word to send.
_TEXT_TO = re.compile(r"\btext (\w+) to $", re.IGNORECASE)


@register.filter
def dial_links(detail: str) -> SafeString:
    """``detail`` with every phone number in it a ``tel:`` link (an ``sms:`` link with the
    word to send when the line says "text WORD to"), so someone in crisis on a phone taps
    instead of retyping.  Everything else is escaped as usual."""
    out, last = [], 0
    for match in _NUMBER.finditer(detail):
        number = match.group()
        digits = re.sub(r"\D", "", number)
        word = _TEXT_TO.search(detail[: match.start()])
        href = f"sms:{digits}?body={word.group(1)}" if word else f"tel:{digits}"
        link = f'<a href="{escape(href)}">{escape(number)}</a>'
        out += [escape(detail[last : match.start()]), link]
        last = match.end()
    out.append(escape(detail[last:]))
    return mark_safe("".join(out))  # every piece above is escaped
