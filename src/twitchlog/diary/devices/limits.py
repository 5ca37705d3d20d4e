"""The bounds every device import keeps. Pure: no Django.

An Apple Health export of several years runs to a few gigabytes of XML, which compresses about
20-fold; a zip member that claims to inflate by more than ``MAX_RATIO`` is refused as a bomb.
"""

from collections.abc import Callable
from typing import IO

MAX_FILE_BYTES = 1 << 30  # a file given to the command: 1 GiB compressed (uploads: less)
MAX_MEMBER_BYTES = 8 << 30  # one member once inflated (export.xml of a long history)
MAX_RATIO = 200  # inflated size over compressed size, per member
MAX_MEMBERS = 20_000  # files in one zip (a Takeout holds one JSON file per month and kind)
MAX_JSON_BYTES = 32 << 20  # one Fitbit JSON file
MAX_LOG_ENTRIES = 20_000  # stages and short wakes in one Fitbit sleep log (a night has ~100)
MAX_DATABASE_BYTES = 2 << 30  # the SQLite file inside a Health Connect zip
MAX_RECORDS = 5_000_000  # sleep, exercise and heart-rate readings kept from one file
# Apple's export.xml: a record is about 300 bytes and rarely has more than one element inside,
# so an export as large as MAX_MEMBER_BYTES holds some 50 million elements, nested 4 deep.
MAX_XML_ELEMENTS = 60_000_000
MAX_XML_DEPTH = 32
MAX_XML_QUIET_BYTES = 1 << 20  # read without a single new element (one endless tag or text)


class ExportError(ValueError):
    """A file that cannot be imported; the message is for the person, in plain words."""


class BoundedReader:
    """A binary stream that refuses to yield more than ``limit`` bytes."""

    def __init__(
        self,
        stream: IO[bytes],
        limit: int,
        what: str,
        progress: Callable[[float], None] | None = None,
    ) -> None:
        self.stream = stream
        self.limit = limit
        self.what = what
        self.read_bytes = 0
        self.progress = progress
        self._reported = 0.0

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(1 << 20 if size is None or size < 0 else size)
        self.read_bytes += len(chunk)
        if self.read_bytes > self.limit:
            raise ExportError(f"{self.what} is larger than this app can import.")
        if self.progress is not None and self.limit:
            done = self.read_bytes / self.limit
            if done - self._reported >= 0.02:  # a report every 2%, not every chunk
                self._reported = done
                self.progress(min(done, 1.0))
        return chunk


class Budget:
    """Counts readings kept, so a file of endless records stops with a clear error."""

    def __init__(self, limit: int = MAX_RECORDS) -> None:
        self.left = limit

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise ExportError("The file holds more readings than one import may bring in.")
