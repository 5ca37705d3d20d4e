"""Requests that do not fit the schema get a 422 whose ``detail`` is a sentence, as every other
422 of the API, with one line per problem in ``errors`` (the schema fuzzing test found Django
Ninja's list-shaped ``detail`` on nine operations whose documented 422 said "a string")."""

from typing import Any

from tests.diary.test_api import api_client


def test_a_missing_body_is_explained_in_words(alice: Any) -> None:
    response = api_client(alice).post("/api/diary/factors", "", content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    assert isinstance(body["detail"], str)
    assert body["detail"].startswith("The request was not accepted:")
    assert body["errors"] and all(isinstance(e, str) for e in body["errors"])


def test_a_wrong_type_names_the_field(alice: Any) -> None:
    response = api_client(alice).get("/api/therapists/0/slots?start=AAA")
    assert response.status_code == 422
    assert any(e.startswith("start:") for e in response.json()["errors"])
