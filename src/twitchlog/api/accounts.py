from ninja import Router, Schema

from twitchlog.accounts.types import AuthedRequest

router = Router(tags=["account"])


class MeOut(Schema):
    email: str
    display_name: str
    time_zone: str
    country: str


@router.get("/me", response=MeOut, url_name="me", summary="The account the token belongs to")
def me(request: AuthedRequest) -> MeOut:
    user = request.user
    return MeOut(
        email=user.email,
        display_name=user.display_name,
        time_zone=user.time_zone,
        country=user.country,
    )
