"""Object lookups on behalf of a person.

Every app has one small helper per model (``get_episode_for_user`` and so on) built on these,
so there is exactly one place per model that decides who may see it. Anything a person may not
see is reported as missing (404), never as forbidden, so its existence is not revealed.
"""

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def get_owned_or_404(
    queryset: QuerySet[M], user: Any, owner_field: str = "user", **lookup: Any
) -> M:
    """Return the object matching ``lookup`` that ``user`` owns, or raise Http404."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    try:
        return queryset.get(**{owner_field: user}, **lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
