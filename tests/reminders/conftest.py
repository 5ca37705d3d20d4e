from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _own_push_keys(settings: Any, tmp_path: Path) -> None:
    """Each test makes its own server key pair, in its own folder."""
    settings.VAPID_KEY_FILE = tmp_path / "vapid_private_key.pem"
