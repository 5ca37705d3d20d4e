"""The answer every router gives when it refuses a request (a 409 or a 422): the reason in
plain words, as the handlers in api/urls.py give it too."""

from ninja import Schema


class ProblemOut(Schema):
    detail: str
