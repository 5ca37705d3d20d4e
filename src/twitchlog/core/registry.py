"""Where apps plug into shared pages without the core knowing about them.

Each app registers, in its ``AppConfig.ready()``, the links it adds to the main navigation and
the panels it adds to a signed-in person's home page. The core renders whatever is registered,
in order, so adding an app never means editing the core's templates.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

PanelContext = Callable[[HttpRequest], dict[str, Any] | None]


@dataclass(frozen=True)
class NavLink:
    label: str
    url_name: str
    order: int
    active_prefix: str


@dataclass(frozen=True)
class HomePanel:
    name: str
    template: str
    order: int
    # Returns the template's context, or None to leave the panel out for this request.
    context: PanelContext = field(compare=False)


_nav: dict[str, NavLink] = {}
_panels: dict[str, HomePanel] = {}


def add_nav_link(label: str, url_name: str, order: int, active_prefix: str) -> None:
    _nav[url_name] = NavLink(label, url_name, order, active_prefix)


def add_home_panel(name: str, template: str, order: int, context: PanelContext) -> None:
    _panels[name] = HomePanel(name, template, order, context)


def nav_links() -> list[NavLink]:
    return sorted(_nav.values(), key=lambda link: link.order)


def home_panels() -> list[HomePanel]:
    return sorted(_panels.values(), key=lambda panel: panel.order)
