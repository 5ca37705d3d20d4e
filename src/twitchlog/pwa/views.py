"""The web app manifest, the service worker and the page shown for what needs a connection."""

import hashlib
import json
from functools import cache

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse

from twitchlog.pwa import offline_pages

# The light and dark page colours of app.css, for the browser's bars around the app.
THEME_LIGHT = "#1f6f5c"
BACKGROUND = "#f7f8f6"


def manifest(request: HttpRequest) -> HttpResponse:
    data = {
        "name": "Twitchlog",
        "short_name": "Twitchlog",
        "description": "A calm, private diary for muscle twitching linked to anxiety.",
        "id": "/home/",
        "start_url": "/home/",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_LIGHT,
        "background_color": BACKGROUND,
        "icons": [
            {"src": static("pwa/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("pwa/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("pwa/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=3600"  # the same for everyone
    return response


def favicon(request: HttpRequest) -> HttpResponse:
    """Pages name their icon, but the admin's and browsers' default ask for /favicon.ico.

    A temporary redirect: the static name carries a content hash that changes with the icon.
    """
    response = HttpResponseRedirect(static("pwa/icon-192.png"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


@cache
def _static_digest() -> str:
    """A fingerprint of the files the worker keeps, read once per process."""
    digest = hashlib.sha256()
    for name in offline_pages.STATIC_FILES:
        found = finders.find(name)
        digest.update(name.encode())
        if isinstance(found, str):
            with open(found, "rb") as file:
                digest.update(file.read())
    return digest.hexdigest()


def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from the site root so its scope is every page.

    Its version covers its own text and the content of the files it keeps, so a release that
    changes any of them changes the worker's bytes; browsers then install the new worker,
    which fetches the files again and drops the old copies.
    """
    precache = [*(static(name) for name in offline_pages.STATIC_FILES), reverse("pwa:offline")]
    context = {
        "precache": json.dumps(precache),
        "pages": json.dumps(offline_pages.PAGES),
        "offline_url": json.dumps(reverse("pwa:offline")),
        "icon": static("pwa/icon-192.png"),
    }
    script = str(render_to_string("pwa/sw.js", context))
    version = hashlib.sha256((script + _static_digest()).encode()).hexdigest()[:12]
    response = HttpResponse(
        script.replace("__VERSION__", version), content_type="text/javascript; charset=utf-8"
    )
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"  # browsers check for a new worker on each visit
    return response


def offline(request: HttpRequest) -> HttpResponse:
    """What the service worker shows for a page it has not kept, while there is no network.

    Kept in the worker's cache, so it shows nobody's data: it is the same for everyone.
    """
    response = render(request, "pwa/offline.html")
    response["Cache-Control"] = "public, max-age=3600"
    return response
