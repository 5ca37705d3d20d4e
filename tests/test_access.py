"""Every page and API operation the project serves has an access probe, and each probe holds.

Anonymous visitors are sent to log in (pages) or get 401 (API); charlie, a stranger, gets 404
for anything of alice's, whether he reads it or posts to it, and his tries change nothing in
the database and write nothing to the audit log; staff pages refuse non-staff. Pages are keyed
by URL name ("diary:today"); API operations by method and path
("GET /api/diary/episodes/{episode_id}"), read from the OpenAPI schema so that every method on
every path needs its own probe.
"""

from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access import Personas, probes, seeds
from tests.conftest import client_for
from twitchlog.api.urls import api
from twitchlog.core.models import AuditEntry

PROBES = probes()
# Django names for the API's own documentation pages; operations are walked separately.
API_PAGES = {"api:openapi-json", "api:openapi-view"}


def _url_names(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                names.add("admin:index")
                continue
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= _url_names(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(prefix + entry.name)
    return {n for n in names if not n.startswith("api:") or n in API_PAGES}


def _api_operations() -> set[str]:
    schema = api.get_openapi_schema()
    return {
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
    }


def _served() -> set[str]:
    return _url_names() | _api_operations()


def test_every_page_and_operation_has_a_probe() -> None:
    missing = sorted(_served() - set(PROBES))
    assert not missing, f"add access probes in tests/<app>/probes.py for: {missing}"


def test_probes_name_real_pages_and_operations() -> None:
    stale = sorted(set(PROBES) - _served())
    assert not stale, f"probes for things that no longer exist: {stale}"


def _request(client: Client, key: str, kwargs: dict[str, Any], method: str = "") -> Any:
    probe = PROBES[key]
    if " " in key:  # an API operation
        method, path = key.split(" ", 1)
        url = path.format(**kwargs)
        call = getattr(client, method.lower())
        if method == "GET":
            return call(url, probe.data or {})
        if probe.upload is not None:
            return call(url, probe.upload())
        return call(url, probe.data or {}, content_type="application/json")
    url = reverse(key, kwargs=kwargs)
    call = getattr(client, method or probe.method)
    return call(url, probe.data or {})


# Rows a request may touch without anyone's data changing: sessions, the audit log (checked on
# its own) and throttling counts.
NOT_DATA = {"sessions.session", "core.auditentry", "core.attempt"}
# A cache, rebuilt by reading pages when the diary has changed.
CACHES = {"insights.insightreport"}


def _data(skip: frozenset[str] = frozenset()) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table that holds someone's data."""
    return {
        model._meta.label_lower: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.managed and model._meta.label_lower not in NOT_DATA | skip
    }


def _method(key: str) -> str:
    return key.split(" ", 1)[0] if " " in key else PROBES[key].method.upper()


@pytest.mark.parametrize("key", sorted(k for k in PROBES if _method(k) != "GET"))
def test_every_change_needs_the_csrf_token(key: str, alice: Any, theo: Any, charlie: Any) -> None:
    # A signed-in person's browser sends the session cookie to any site's forms; the token is
    # what tells their own change apart from one another site makes them send.
    kwargs = PROBES[key].kwargs(Personas(alice, theo, charlie))
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    before = _data()
    assert _request(browser, key, kwargs).status_code == 403
    assert _data() == before


@pytest.mark.parametrize("key", sorted(k for k in PROBES if _method(k) == "GET"))
def test_reading_changes_nothing(key: str, alice: Any, theo: Any, charlie: Any) -> None:
    kwargs = PROBES[key].kwargs(Personas(alice, theo, charlie))
    owner = client_for(alice)
    before = _data(skip=frozenset(CACHES))
    _request(owner, key, kwargs)
    assert _data(skip=frozenset(CACHES)) == before, "a GET changed stored data"


def test_every_change_probe_sends_a_change() -> None:
    # A PATCH without a body would pass the walker even if it ignored who asked.
    empty = sorted(
        key for key, probe in PROBES.items() if key.startswith("PATCH") and not probe.data
    )
    assert not empty, f"give these probes data to send: {empty}"


@pytest.mark.parametrize("key", sorted(PROBES))
def test_access(key: str, alice: Any, theo: Any, charlie: Any) -> None:
    probe = PROBES[key]
    kwargs = probe.kwargs(Personas(alice, theo, charlie))
    is_api = " " in key

    anonymous = _request(Client(), key, kwargs)
    if probe.kind == "public":
        assert anonymous.status_code < 400, anonymous.status_code
        return
    if is_api:
        assert anonymous.status_code == 401, f"anonymous got {anonymous.status_code}"
    else:
        assert anonymous.status_code == 302, f"anonymous got {anonymous.status_code}"
        assert "/login/" in anonymous["Location"]

    stranger_client = client_for(charlie)
    if probe.kind == "owned":
        before, audited = _data(), AuditEntry.objects.count()
        stranger = _request(stranger_client, key, kwargs)
        assert stranger.status_code == 404, f"charlie got {stranger.status_code}"
        if not is_api and probe.method == "get":
            # The same page also takes a form: posting to it must not reach alice's object.
            posted = _request(stranger_client, key, kwargs, method="post")
            assert posted.status_code == 404, f"charlie's POST got {posted.status_code}"
        assert _data() == before, "charlie's request changed stored data"
        assert AuditEntry.objects.count() == audited, "charlie's request wrote the audit log"
        owner = _request(client_for(alice), key, kwargs)
        if probe.owner_status is not None:
            assert owner.status_code == probe.owner_status
        else:
            assert owner.status_code != 404 and owner.status_code < 500, owner.status_code
    else:
        stranger = _request(stranger_client, key, kwargs)
        if probe.kind == "staff":
            assert stranger.status_code in (302, 403, 404), f"charlie got {stranger.status_code}"
        else:
            assert probe.kind == "login", probe.kind
            assert stranger.status_code < 400, f"charlie got {stranger.status_code}"


@pytest.mark.parametrize("key", sorted(k for k in PROBES if _method(k) == "GET"))
def test_a_stranger_sees_nothing_of_alices(key: str, alice: Any, theo: Any, charlie: Any) -> None:
    personas = Personas(alice, theo, charlie)
    secrets = [text for seed in seeds() for text in seed(personas)]
    kwargs = PROBES[key].kwargs(personas)
    stranger = _request(client_for(charlie), key, kwargs)
    shown = stranger.content.decode(errors="replace")
    leaked = [text for text in secrets if text in shown]
    assert not leaked, f"charlie was shown {leaked}"
