"""``{% url %}`` that remembers the links it made without arguments.

Django's tag reverses every link on every render, and a page carries about thirty (the
navigation, the footer, the home panels): a tenth of the home page's time. A link comes out
the same every time for a given view, arguments, URLconf, script prefix and current app (no
path here is translated), so a link without arguments is made once per process, and the
last few thousand links made with plain arguments (text, whole numbers, dates: a day's page,
a questionnaire) are kept too. Other links go Django's way. Installed as a template builtin
(settings.TEMPLATES), so it is the ``{% url %}`` of every template.
"""

import datetime as dt
from functools import lru_cache
from typing import Any

from django import template
from django.conf import settings
from django.template.base import Parser, Token
from django.template.context import Context
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()

# (view name, current app, script prefix, URLconf) -> the path; a few hundred at most, as
# view names come from the templates and the code.
_made: dict[tuple[Any, ...], str] = {}


def _current_app(context: Context) -> Any:
    try:  # as URLNode.render picks it
        return context.request.current_app  # type: ignore[attr-defined]
    except AttributeError:
        try:
            return context.request.resolver_match.namespace  # type: ignore[attr-defined]
        except AttributeError:
            return None


def _setting(context: Context) -> tuple[Any, ...]:
    """(current app, script prefix, URLconf): the same for every link of one request, so
    worked out once per request (each is a lookup in a context-local or a caught error)."""
    request = getattr(context, "request", None)
    found = getattr(request, "_remembered_urls_setting", None)
    if found is None:
        found = (_current_app(context), get_script_prefix(), get_urlconf(settings.ROOT_URLCONF))
        if request is not None:
            request._remembered_urls_setting = found
    return found


# Arguments whose link depends only on their value (True == 1 and 1.0 == 1 would share a
# key with 1, so only these exact types are kept; the type is part of the key).
_PLAIN = (str, int, dt.date)


@lru_cache(maxsize=4096)
def _with_arguments(view_name: str, args: tuple[tuple[type, Any], ...], *setting: Any) -> str:
    return reverse(view_name, args=[value for _, value in args], current_app=setting[0])


class RememberedURLNode(URLNode):
    def render(self, context: Context) -> str:
        if self.kwargs:
            return str(super().render(context))
        view_name = self.view_name.resolve(context)
        setting = _setting(context)
        try:
            if self.args:
                args = tuple((type(v), v) for v in (a.resolve(context) for a in self.args))
                if not all(kind in _PLAIN for kind, _ in args):
                    return str(super().render(context))
                made = _with_arguments(view_name, args, *setting)
            else:
                key = (view_name, *setting)
                found = _made.get(key)
                if found is None:
                    found = _made[key] = reverse(view_name, current_app=setting[0])
                made = found
        except NoReverseMatch:
            if self.asvar is None:
                raise
            made = ""
        if self.asvar:
            context[self.asvar] = made
            return ""
        return str(conditional_escape(made)) if context.autoescape else made


@register.tag
def url(parser: Parser, token: Token) -> RememberedURLNode:
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
