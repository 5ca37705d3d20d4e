from django.test import RequestFactory

from twitchlog.core.navigation import safe_next


def test_only_addresses_on_this_site_are_followed() -> None:
    factory = RequestFactory()
    for target in ("https://evil.example/", "//evil.example", "javascript:alert(1)"):
        assert safe_next(factory.post("/", {"next": target})) is None
        assert safe_next(factory.get("/", {"next": target})) is None
    assert safe_next(factory.post("/", {"next": "/diary/"})) == "/diary/"
    assert safe_next(factory.get("/", {"next": "http://testserver/home/"})) == (
        "http://testserver/home/"
    )
    assert safe_next(factory.get("/")) is None
