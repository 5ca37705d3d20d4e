"""Profile photos: any common image in, a small square JPEG out (no metadata kept)."""

import io
from typing import IO

from PIL import Image, ImageOps, UnidentifiedImageError

SIZE = 400
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Refuse "decompression bombs": tiny files that expand to enormous images.
Image.MAX_IMAGE_PIXELS = 40_000_000


class BadPhoto(ValueError):
    MESSAGE = "That file is not a photo we can read. Try a JPEG or PNG."


def square_jpeg(upload: IO[bytes]) -> bytes:
    """Crop to the middle square, scale to SIZE pixels, re-encode without EXIF or location."""
    try:
        with Image.open(upload) as original:
            original.load()
            image = ImageOps.exif_transpose(original).convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise BadPhoto(BadPhoto.MESSAGE) from exc
    image = ImageOps.fit(image, (SIZE, SIZE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()
