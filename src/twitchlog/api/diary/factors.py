"""A person's own factors: their CSV column is made from the name."""

from typing import Any
from uuid import UUID

from ninja import Field, Router, Schema, Status

from twitchlog.accounts.types import AuthedRequest
from twitchlog.api.diary.common import (
    Problem,
)
from twitchlog.diary import services
from twitchlog.diary.access import (
    get_factor_for_user,
)
from twitchlog.diary.columns import (
    ColumnError,
)
from twitchlog.diary.models import CustomFactor

router = Router(tags=["diary"])


class FactorIn(Schema):
    client_id: UUID | None = None
    name: str = Field(min_length=1, max_length=60)
    kind: str = Field("numeric", pattern="^(numeric|binary)$")
    unit: str = Field("", max_length=20)


class FactorPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=60)
    kind: str | None = Field(None, pattern="^(numeric|binary)$")
    unit: str | None = Field(None, max_length=20)


class FactorOut(Schema):
    id: int
    client_id: UUID | None
    name: str
    column: str
    kind: str
    unit: str


@router.get("/factors", response=list[FactorOut], url_name="diary_factors")
def list_factors(request: AuthedRequest) -> Any:
    return CustomFactor.objects.filter(user=request.user)


@router.post(
    "/factors", response={200: FactorOut, 201: FactorOut, 422: Problem}, url_name="diary_factors"
)
def create_factor(request: AuthedRequest, data: FactorIn) -> Any:
    """Add your own factor; its CSV column is made from the name."""
    try:
        factor, created = services.add_factor(
            request.user, data.name, data.kind, data.unit, client_id=data.client_id
        )
    except ColumnError as error:
        return Status(422, {"detail": str(error)})
    return Status(201 if created else 200, factor)


@router.get("/factors/{factor_id}", response=FactorOut, url_name="diary_factor")
def get_factor(request: AuthedRequest, factor_id: int) -> CustomFactor:
    return get_factor_for_user(request.user, factor_id)


@router.patch(
    "/factors/{factor_id}", response={200: FactorOut, 422: Problem}, url_name="diary_factor"
)
def update_factor(request: AuthedRequest, factor_id: int, data: FactorPatch) -> Any:
    factor = get_factor_for_user(request.user, factor_id)
    changes = {k: v for k, v in data.dict(exclude_unset=True).items() if v is not None}
    try:
        return Status(200, services.update_factor(request.user, factor, changes))
    except ColumnError as error:
        return Status(422, {"detail": str(error)})


@router.delete("/factors/{factor_id}", response={204: None}, url_name="diary_factor")
def delete_factor(request: AuthedRequest, factor_id: int) -> Any:
    """Delete a factor and every value logged for it."""
    services.delete_factor(request.user, get_factor_for_user(request.user, factor_id))
    return Status(204, None)
