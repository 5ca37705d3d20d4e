"""Uploaded files are capped inside the app; a larger file is refused in plain words and
everything else typed stays.

Before: Django stored an uploaded file whatever its size (memory, then a temporary file), so
a 50 MB "CSV" or "photo" was read in full before the form looked at its size.
"""

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse

from tests.therapists.test_therapist_pages import APPLICATION
from twitchlog.core.uploads import HEAD_BYTES, TooLargeUpload
from twitchlog.diary import csvfile
from twitchlog.diary.devices import limits
from twitchlog.diary.models import CheckIn
from twitchlog.therapists import photos


def test_the_app_wide_cap_is_at_least_each_forms_own() -> None:
    assert max(csvfile.MAX_FILE_BYTES, photos.MAX_UPLOAD_BYTES) <= settings.MAX_UPLOAD_BYTES


def test_views_with_their_own_cap_exist_and_match_the_device_upload_limit() -> None:
    assert set(settings.UPLOAD_CAPS.values()) == {settings.DEVICE_UPLOAD_MAX_BYTES}
    assert settings.DEVICE_UPLOAD_MAX_BYTES <= limits.MAX_FILE_BYTES
    assert resolve(reverse("diary:import")).view_name in settings.UPLOAD_CAPS
    assert resolve(reverse("api:diary_imports")).view_name in settings.UPLOAD_CAPS


def test_a_file_over_the_cap_reaches_the_form_with_only_its_start(rf: Any) -> None:
    body = b"date,sleep_hours\n" + b"2026-11-01,7\n" * 500_000  # 6.5 MB
    request = rf.post("/therapists/apply/", {"photo": SimpleUploadedFile("d.png", body)})
    request.resolver_match = resolve(reverse("therapists:apply"))
    upload = request.FILES["photo"]
    assert isinstance(upload, TooLargeUpload)
    assert upload.size == len(body) and upload.read() == body[:HEAD_BYTES]


def test_the_import_page_refuses_a_large_csv_in_plain_words(alice_client: Client) -> None:
    # The page's cap is higher (phone exports); its form refuses a CSV over 5 MB.
    body = b"date,sleep_hours\n" + b"2026-11-01,7\n" * 500_000
    response = alice_client.post(
        reverse("diary:import"), {"file": SimpleUploadedFile("d.csv", body)}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "That file is larger than 5 MB, the most a diary CSV can be." in page
    assert "phone or watch export is larger" not in page
    assert not CheckIn.objects.exists()


def test_a_large_photo_is_refused_and_the_form_keeps_what_was_typed(
    charlie_client: Client,
) -> None:
    photo = SimpleUploadedFile("me.png", b"\x89PNG" + b"0" * (6 * 1024 * 1024), "image/png")
    response = charlie_client.post(reverse("therapists:apply"), {**APPLICATION, "photo": photo})
    page = response.content.decode()
    assert "That photo is larger than 5 MB." in page
    assert APPLICATION["bio"] in page and 'value="Charlie Tanaka"' in page
