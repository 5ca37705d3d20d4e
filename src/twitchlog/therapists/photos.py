"""Profile photos: any common image in, a small square JPEG out (no metadata kept).

A small file can unpack into an enormous image (an 8,900 × 8,900 PNG of 300 KB needs about
830 MB to decode), so the size in pixels is read from the file's header, which Pillow reads
without decoding, and a photo over MAX_PIXELS is refused before any decoding happens.
"""

import io
import threading
import warnings
from typing import IO

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

SIZE = 400
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# 25 megapixels: more than a phone's usual photo, and at most about 100 MB to decode.
MAX_PIXELS = 25_000_000
# Pillow's own guard, for any other image opened in this process.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


# WeasyPrint (the PDF report) sets Pillow's process-wide LOAD_TRUNCATED_IMAGES when imported,
# which would let a cut-off upload through as a half-grey photo; decoding turns it off for
# the moment, one decode at a time.
_STRICT_DECODE = threading.Lock()


class BadPhoto(ValueError):
    MESSAGE = "That file is not a photo we can read. Try a JPEG or PNG."


def check_pixels(upload: IO[bytes]) -> None:
    """Refuse a photo whose header says it is larger than MAX_PIXELS. Decodes nothing."""
    too_large = (
        "That photo has too many pixels for us to open{size}. Please use a smaller copy "
        "(under 25 megapixels, e.g. 5,000 × 5,000)."
    )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns between MAX_IMAGE_PIXELS and twice that; the check below decides.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
    except Image.DecompressionBombError as exc:
        raise BadPhoto(too_large.format(size="")) from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise BadPhoto(BadPhoto.MESSAGE) from exc
    finally:
        upload.seek(0)
    if width * height > MAX_PIXELS:
        raise BadPhoto(too_large.format(size=f" ({width:,} × {height:,})"))


def square_jpeg(upload: IO[bytes]) -> bytes:
    """Crop to the middle square, scale to SIZE pixels, re-encode without EXIF or location."""
    check_pixels(upload)
    with _STRICT_DECODE:
        lenient = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            with Image.open(upload) as original:
                # A JPEG can be decoded straight at a fraction of its size; that is all we keep.
                original.draft("RGB", (SIZE * 2, SIZE * 2))
                original.load()
                image = ImageOps.exif_transpose(original).convert("RGB")
        except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
            raise BadPhoto(BadPhoto.MESSAGE) from exc
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    image = ImageOps.fit(image, (SIZE, SIZE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()
