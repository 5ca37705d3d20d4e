"""Uploaded files are capped inside the app, not only by a proxy in front of it.

Django caps form fields and JSON bodies (DATA_UPLOAD_MAX_MEMORY_SIZE) but stores an uploaded
file whatever its size. This handler runs first: past the view's cap (MAX_UPLOAD_BYTES, or
the view's own in UPLOAD_CAPS) it keeps nothing more of the file and hands the form a
stand-in that holds only the file's first bytes (enough to tell what kind of file it is)
and knows its real size, so the form's own size check refuses it in words that fit the file
and every other field stays as typed.
"""

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

# What a file over the cap keeps of its start: a zip's or an XML file's opening is well within.
HEAD_BYTES = 1024


class TooLargeUpload(SimpleUploadedFile):
    """What is left of a file over the cap: its name, real size and first bytes."""

    def __init__(self, name: str, content_type: str, size: int, head: bytes = b"") -> None:
        super().__init__(name, head, content_type)
        self.size = size


def cap_for(request: Any) -> int:
    # Middleware reads uploads after the URL is resolved, so the view is known here.
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match is not None else ""
    return int(settings.UPLOAD_CAPS.get(view_name, settings.MAX_UPLOAD_BYTES))


class CappedUploadHandler(FileUploadHandler):
    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.head = b""
        self.cap = cap_for(self.request)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if len(self.head) < HEAD_BYTES:
            self.head += raw_data[: HEAD_BYTES - len(self.head)]
        self.received += len(raw_data)
        # Returning None keeps the chunk from the handlers that store the file.
        return raw_data if self.received <= self.cap else None

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.received <= self.cap:
            return None  # the next handler's stored file is the upload
        return TooLargeUpload(
            self.file_name or "", self.content_type or "", self.received, self.head
        )
