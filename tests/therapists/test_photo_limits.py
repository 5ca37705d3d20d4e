"""Image bombs are refused from the header, and a photo is decoded only for a valid form.

Before: an 8,900 × 8,900 PNG of a few kilobytes passed (Pillow only warns below twice its
limit), cost about 830 MB to decode, and was decoded even when the rest of the therapist form
was invalid.
"""

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image, ImageFile

from tests.therapists.test_therapist_pages import APPLICATION
from twitchlog.therapists.models import TherapistProfile


def bomb(side: int = 8_900) -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("1", (side, side)).save(data, "PNG")  # one bit a pixel: small to make
    return SimpleUploadedFile("bomb.png", data.getvalue(), "image/png")


def broken_png() -> SimpleUploadedFile:
    """A readable header (100 × 100) over pixel data that cannot be decoded."""
    data = io.BytesIO()
    Image.new("RGB", (100, 100), (10, 200, 30)).save(data, "PNG")
    return SimpleUploadedFile("me.png", data.getvalue()[:60], "image/png")


def test_an_image_bomb_is_refused_from_its_header(charlie_client: Client) -> None:
    upload = bomb()
    assert len(upload) < 100_000
    response = charlie_client.post(reverse("therapists:apply"), {**APPLICATION, "photo": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "too many pixels for us to open" in page
    assert APPLICATION["bio"] in page  # what was typed is kept
    assert not TherapistProfile.objects.exists()


def test_a_photo_just_over_the_limit_is_told_its_size(charlie_client: Client) -> None:
    response = charlie_client.post(
        reverse("therapists:apply"), {**APPLICATION, "photo": bomb(5_001)}
    )
    assert "too many pixels for us to open (5,001 × 5,001)" in response.content.decode()


def test_a_photo_is_decoded_only_when_the_rest_of_the_form_is_valid(
    charlie_client: Client, monkeypatch: Any
) -> None:
    # WeasyPrint (the PDF report) lets Pillow fill in truncated images process-wide once it is
    # imported; the broken photo shows whether decoding happened only when Pillow is strict.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", False)
    invalid = {**APPLICATION, "name": "", "photo": broken_png()}
    page = charlie_client.post(reverse("therapists:apply"), invalid).content.decode()
    assert "Please give the name clients will see." in page
    assert "not a photo we can read" not in page  # never decoded
    valid = {**APPLICATION, "photo": broken_png()}
    page = charlie_client.post(reverse("therapists:apply"), valid).content.decode()
    assert "not a photo we can read" in page
    assert not TherapistProfile.objects.exists()


def test_a_good_photo_is_still_stored(charlie_client: Client, charlie: Any) -> None:
    data = io.BytesIO()
    Image.new("RGB", (4000, 3000), (120, 180, 160)).save(data, "JPEG")
    upload = SimpleUploadedFile("me.jpg", data.getvalue(), "image/jpeg")
    charlie_client.post(reverse("therapists:apply"), {**APPLICATION, "photo": upload})
    stored = Image.open(io.BytesIO(bytes(TherapistProfile.objects.get().photo.image)))
    assert stored.size == (400, 400)


def test_a_cut_off_photo_is_refused_even_after_the_pdf_library_loaded() -> None:
    """WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process."""
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    from twitchlog.therapists import photos

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    with pytest.raises(photos.BadPhoto):
        photos.square_jpeg(broken_png())
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # left as the PDF library wants it
