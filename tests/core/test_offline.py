"""The app works offline: no page loads anything from another site."""

import re
from pathlib import Path

import twitchlog

SRC = Path(twitchlog.__file__).parent
EXTERNAL_ASSET = re.compile(
    r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""", re.I
)


def test_no_template_loads_an_asset_from_another_site() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.html")
        if EXTERNAL_ASSET.search(path.read_text())
    ]
    assert offenders == []


def test_no_stylesheet_imports_from_another_site() -> None:
    for path in SRC.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", path.read_text()), path


def test_api_docs_use_the_bundled_swagger(client, db) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/api/docs").content.decode()
    assert "cdn." not in page
    assert "/static/ninja/" in page


def test_the_openapi_schema_is_json_without_repeated_keys(client, db) -> None:  # type: ignore[no-untyped-def]
    import json

    repeated: list[str] = []

    def no_repeats(pairs: list[tuple[str, object]]) -> dict[str, object]:
        keys = [key for key, _ in pairs]
        repeated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    schema = json.loads(client.get("/api/openapi.json").content, object_pairs_hook=no_repeats)
    assert schema["openapi"].startswith("3.")
    assert repeated == []
