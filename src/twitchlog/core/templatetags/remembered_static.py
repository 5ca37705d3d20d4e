"""``{% static "literal" %}`` that remembers the address it made.

Django's tag asks the app registry whether staticfiles is installed and the storage for the
address (a manifest lookup and a URL join) on every render: about ten times per page. For a
path written in the template the answer is the same for the life of the process, so it is
made once. A path that comes from a variable goes Django's way, so nothing a request brings
can grow the memory. Installed as a template builtin (settings.TEMPLATES), so the templates
here use it without loading anything; ``{% load static %}`` would put Django's tag back, and
tests/core/test_remembered_static.py checks that none does.
"""

from typing import Any

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import Parser, Token
from django.template.context import Context
from django.templatetags import static as django_static

register = template.Library()

# Literal path -> its address; as many entries as there are distinct literals in templates.
_made: dict[str, str] = {}


@receiver(setting_changed)
def _forget(setting: str, **kwargs: Any) -> None:
    if setting in {"STATIC_URL", "STORAGES", "DEBUG", "INSTALLED_APPS"}:
        _made.clear()


class RememberedStaticNode(django_static.StaticNode):
    def url(self, context: Context) -> str:
        path = self.path
        if path.filters or not isinstance(path.var, str):  # a variable: Django's way
            return str(super().url(context))
        made = _made.get(path.var)
        if made is None:
            made = _made[path.var] = str(self.handle_simple(path.var))
        return made


@register.tag("static")
def do_static(parser: Parser, token: Token) -> RememberedStaticNode:
    node = django_static.do_static(parser, token)
    return RememberedStaticNode(varname=node.varname, path=node.path)
