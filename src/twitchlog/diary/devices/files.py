"""Which export a file is, read by its content, never by its name. Pure: no Django.

- a zip holding ``export.xml``: Apple Health (``export.zip``);
- a zip holding an SQLite database: Health Connect;
- a zip holding Fitbit's ``sleep-*.json`` files: Fitbit / Google Takeout;
- a file starting with ``<?xml`` or ``<HealthData``: Apple Health's ``export.xml`` on its own;
- anything else is not a device export (the caller tries the daily diary CSV).

Zips are read member by member. A member is refused before it is read when it claims more
than ``MAX_MEMBER_BYTES`` or more than ``MAX_RATIO`` times its compressed size, and while it is
read when it inflates past what it claimed.
"""

import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from twitchlog.diary.devices import apple, fitbit, health_connect
from twitchlog.diary.devices.days import Readings
from twitchlog.diary.devices.limits import (
    MAX_DATABASE_BYTES,
    MAX_FILE_BYTES,
    MAX_JSON_BYTES,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    BoundedReader,
    ExportError,
)

Progress = Callable[[float], None] | None

ZIP_MAGIC = b"PK\x03\x04"
SQLITE_MAGIC = b"SQLite format 3\x00"

KINDS = {
    "apple": "Apple Health",
    "health_connect": "Health Connect",
    "fitbit": "Fitbit",
}


def sniff(path: Path) -> str | None:
    """The kind of export ``path`` holds (a key of KINDS), or None for anything else."""
    with path.open("rb") as f:
        head = f.read(512)
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(path)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith((b"<?xml", b"<HealthData", b"<!DOCTYPE HealthData")):
        return "apple"
    return None


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise ExportError("The zip file is damaged or cut short.") from None
    if len(archive.infolist()) > MAX_MEMBERS:
        archive.close()
        raise ExportError("The zip holds more files than any phone export would.")
    return archive


def _zip_kind(path: Path) -> str:
    with _open_zip(path) as archive:
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        if any(n.rsplit("/", 1)[-1] == "export.xml" for n in names):
            return "apple"
        if any(fitbit.reader_for(n) is not None for n in names):
            return "fitbit"
        for info in archive.infolist():
            if info.filename.endswith((".db", ".sqlite", ".sqlite3")):
                return "health_connect"
    if "[Content_Types].xml" in names or "mimetype" in names:  # .xlsx, .docx; .ods, .numbers
        raise ExportError(
            "This is a spreadsheet or document file (such as .xlsx or .ods), not a diary CSV. "
            "Save it from your spreadsheet as CSV and import that."
        )
    raise ExportError(
        "This zip is not an export this app knows. It reads Apple Health's export.zip, a Health "
        "Connect export and a Fitbit export from Google Takeout."
    )


def _checked(info: zipfile.ZipInfo, limit: int) -> None:
    if info.file_size > limit:
        raise ExportError(f"{info.filename} is larger than this app can import.")
    if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1 << 20:
        raise ExportError(
            f"{info.filename} would grow {info.file_size // max(info.compress_size, 1)} times "
            "when unpacked, which no real export does; it was not imported."
        )


def _member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, progress: Progress = None
) -> BoundedReader:
    _checked(info, limit)
    return BoundedReader(archive.open(info), min(limit, info.file_size), info.filename, progress)


def _read_apple_zip(path: Path, progress: Progress) -> Readings:
    with _open_zip(path) as archive:
        member = next(
            i for i in archive.infolist() if i.filename.rsplit("/", 1)[-1] == "export.xml"
        )
        try:
            return apple.read_apple(_member(archive, member, MAX_MEMBER_BYTES, progress))  # type: ignore[arg-type]
        except (zipfile.BadZipFile, EOFError, OSError):
            raise ExportError("The zip file is damaged or cut short.") from None


def _read_health_connect_zip(path: Path) -> Readings:
    with _open_zip(path) as archive, tempfile.TemporaryDirectory() as folder:
        for info in archive.infolist():
            if not info.filename.endswith((".db", ".sqlite", ".sqlite3")):
                continue
            target = Path(folder) / "export.db"
            try:
                with target.open("wb") as out:
                    shutil.copyfileobj(_member(archive, info, MAX_DATABASE_BYTES), out)
            except (zipfile.BadZipFile, EOFError, OSError):
                raise ExportError("The zip file is damaged or cut short.") from None
            with target.open("rb") as f:
                if f.read(16) != SQLITE_MAGIC:
                    continue
            return health_connect.read_health_connect(target)
    raise ExportError("The zip holds no Health Connect database.")


def _fitbit_files(archive: zipfile.ZipFile) -> Iterator[tuple[str, bytes]]:
    for info in archive.infolist():
        if info.is_dir() or fitbit.reader_for(info.filename) is None:
            continue
        try:
            yield info.filename, _member(archive, info, MAX_JSON_BYTES).read(MAX_JSON_BYTES + 1)
        except (zipfile.BadZipFile, EOFError, OSError):
            raise ExportError("The zip file is damaged or cut short.") from None


def _read_fitbit_zip(path: Path, tz: ZoneInfo) -> Readings:
    with _open_zip(path) as archive:
        return fitbit.read_fitbit(_fitbit_files(archive), tz)


def read_export(path: Path, kind: str, tz: ZoneInfo, progress: Progress = None) -> Readings:
    """Every reading the file holds. Raises ExportError with a plain reason.

    ``progress`` is called now and then with the share of the file read so far (Apple only:
    the other exports are small enough to read in a moment).
    """
    zipped = _is_zip(path)
    if path.stat().st_size > (MAX_FILE_BYTES if zipped else MAX_MEMBER_BYTES):
        raise ExportError("The file is larger than this app can import.")
    if kind == "apple":
        if zipped:
            return _read_apple_zip(path, progress)
        size = path.stat().st_size
        with path.open("rb") as f:
            return apple.read_apple(BoundedReader(f, size, "The file", progress))  # type: ignore[arg-type]
    if kind == "health_connect":
        return _read_health_connect_zip(path)
    if kind == "fitbit":
        return _read_fitbit_zip(path, tz)
    raise ExportError("This file is not an export this app knows.")


def _is_zip(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(4) == ZIP_MAGIC
