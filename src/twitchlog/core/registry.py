"""Where apps plug into shared pages without the core knowing about them.

Each app registers, in its ``AppConfig.ready()``, the links it adds to the main navigation,
the panels it adds to a signed-in person's home page, and what it tells a person on the
page where they delete their account (what deleting will do to things of theirs it holds).
The core renders whatever is registered, in order, so adding an app never means editing the
core's templates.
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
_deletion_notes: dict[str, HomePanel] = {}


def add_nav_link(label: str, url_name: str, order: int, active_prefix: str) -> None:
    _nav[url_name] = NavLink(label, url_name, order, active_prefix)


def add_home_panel(name: str, template: str, order: int, context: PanelContext) -> None:
    _panels[name] = HomePanel(name, template, order, context)


def nav_links() -> list[NavLink]:
    return sorted(_nav.values(), key=lambda link: link.order)


def home_panels() -> list[HomePanel]:
    return sorted(_panels.values(), key=lambda panel: panel.order)


def add_deletion_note(name: str, template: str, order: int, context: PanelContext) -> None:
    """A part of the delete-account page: its context function returns None to leave it out."""
    _deletion_notes[name] = HomePanel(name, template, order, context)


def deletion_notes() -> list[HomePanel]:
    return sorted(_deletion_notes.values(), key=lambda note: note.order)


def render_panels(panels: list[HomePanel], request: HttpRequest) -> list[dict[str, Any]]:
    """Each panel's template with its context, leaving out those that return None."""
    shown = []
    for panel in panels:
        context = panel.context(request)
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown
