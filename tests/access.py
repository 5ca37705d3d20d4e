"""How to reach every URL of the project as each persona, for tests/test_access.py.

Each app lists its pages and API operations in ``tests/<app>/probes.py`` as
``PROBES = {key: Probe(...)}``, where a page's key is its URL name ("diary:today") and an API
operation's key is its method and OpenAPI path ("DELETE /api/diary/episodes/{episode_id}").
The walker in test_access.py finds everything the project serves and fails for anything without
a probe, so a new page or endpoint cannot ship without its access test.

Kinds:
- ``public``: anyone may see it.
- ``login``: needs a signed-in person but shows only their own things (charlie gets 200).
- ``owned``: shows one of alice's objects; charlie must get 404.
- ``staff``: the Django admin and other staff-only pages.

An app may also define ``SEED`` in its probes module (see ``Seed`` below): the walker then
checks that no page or answer charlie gets, including lists and their filters, shows any of it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from twitchlog.accounts.models import User


@dataclass(frozen=True)
class Personas:
    alice: User
    theo: User
    charlie: User


@dataclass(frozen=True)
class Probe:
    kind: str
    # Builds the URL's arguments from alice's (or theo's) objects; may create them.
    kwargs: Callable[[Personas], dict[str, Any]] = field(default=lambda personas: {})
    method: str = "get"  # pages only; an API operation's method is in its key
    data: dict[str, Any] | None = None
    # Status alice (the owner) gets; None means "anything but 404 and 5xx".
    owner_status: int | None = None
    # For an operation that takes a file: makes the multipart form to send, fresh each time.
    upload: Callable[[], dict[str, Any]] | None = None


# Makes some of alice's data carrying text no one else's has, and returns those texts; a page
# or answer for charlie must never contain any of them (an app's probes.py may define SEED).
Seed = Callable[[Personas], list[str]]


def _probe_modules() -> list[Any]:
    import importlib
    import pkgutil

    import tests

    found = []
    for module in pkgutil.iter_modules(tests.__path__):
        if not module.ispkg:
            continue
        try:
            found.append(importlib.import_module(f"tests.{module.name}.probes"))
        except ModuleNotFoundError:
            continue
    return found


def probes() -> dict[str, Probe]:
    found: dict[str, Probe] = {}
    for module in _probe_modules():
        found.update(module.PROBES)
    return found


def seeds() -> list[Seed]:
    return [module.SEED for module in _probe_modules() if hasattr(module, "SEED")]
