"""``{% url %}`` that remembers the links it made without arguments.

Django's tag reverses every link on every render, and a page carries about thirty (the
navigation, the footer, the home panels): a tenth of the home page's time. A link without
arguments comes out the same every time for a given URLconf, script prefix and current app
(no path here is translated), so it is made once per process. Links with arguments go
Django's way. Installed as a template builtin (settings.TEMPLATES), so it is the
``{% url %}`` of every template.
"""

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


class RememberedURLNode(URLNode):
    def render(self, context: Context) -> str:
        if self.args or self.kwargs:
            return str(super().render(context))
        view_name = self.view_name.resolve(context)
        setting = _setting(context)
        key = (view_name, *setting)
        made = _made.get(key)
        if made is None:
            try:
                made = _made[key] = reverse(view_name, current_app=setting[0])
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
