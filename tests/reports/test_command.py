"""``twitchlog export --user EMAIL --format zip|fhir|pdf [--out FILE]``."""

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from fhir.resources.R4B.bundle import Bundle

from tests.reports.helpers import small_diary, unzip
from twitchlog.core.models import AuditEntry


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("export", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_zip_to_a_named_file(alice: Any, tmp_path: Path) -> None:
    small_diary(alice, "alicetag")
    target = tmp_path / "mine.zip"
    said = run("--user", "ALICE@example.org", "--format", "zip", "--out", str(target))
    assert f"Wrote {target}" in said
    files = unzip(target.read_bytes())
    assert "README.txt" in files and "alicetag" in files["diary_episodes.csv"]


def test_fhir_goes_to_standard_output_by_default(alice: Any) -> None:
    small_diary(alice, "alicetag")
    bundle = Bundle.model_validate_json(run("--user", alice.email, "--format", "fhir"))
    assert bundle.type == "collection"
    assert len(bundle.entry) == 11


def test_pdf_goes_to_a_dated_file_in_the_current_folder(
    alice: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    said = run("--user", alice.email, "--format", "pdf")
    (written,) = tmp_path.glob("twitchlog-report-*.pdf")
    assert written.read_bytes().startswith(b"%PDF-")
    assert written.name in said


def test_each_export_writes_the_audit_log(alice: Any, tmp_path: Path) -> None:
    run("--user", alice.email, "--format", "zip", "--out", str(tmp_path / "a.zip"))
    entry = AuditEntry.objects.get(action="data.exported")
    assert (entry.actor, entry.details) == (alice, {"format": "zip"})


def test_an_unknown_email_is_refused_in_words(db: Any) -> None:
    with pytest.raises(CommandError, match="There is no account with the email nobody@"):
        run("--user", "nobody@example.org", "--format", "zip")
    assert not AuditEntry.objects.filter(action="data.exported").exists()


def test_an_unknown_format_is_refused_naming_the_choices(alice: Any) -> None:
    with pytest.raises(CommandError, match=r"invalid choice: 'xml'.*zip.*fhir.*pdf"):
        run("--user", alice.email, "--format", "xml")


def test_a_missing_folder_is_refused_before_anything_is_exported(
    alice: Any, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="There is no folder"):
        run("--user", alice.email, "--format", "zip", "--out", str(tmp_path / "no" / "a.zip"))
    assert not AuditEntry.objects.filter(action="data.exported").exists()
