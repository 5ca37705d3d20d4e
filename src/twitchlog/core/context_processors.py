from typing import Any

from django.http import HttpRequest

from twitchlog.core.registry import nav_links


def site(request: HttpRequest) -> dict[str, Any]:
    return {"nav_links": nav_links()}
