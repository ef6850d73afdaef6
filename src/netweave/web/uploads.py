"""Uploaded import files: size limit, type check by name and content, and the import job.

An import runs in a thread of its own so the page can show its progress; the file is
kept in a private temporary folder only while it is read.
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import logging
import re
import secrets
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netweave.errors import InvalidInput, NetweaveError
from netweave.services.context import Context
from netweave.services.imports import KINDS, ImportOptions, readable_csv, run_import
from netweave.services.leftovers import folder_prefix
from netweave.store.engine import is_locked
from netweave.store.ledger import Ledger, keeping, last_saved

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
_log = logging.getLogger(__name__)
#: Finished import jobs whose outcome the server still remembers (the oldest are forgotten).
KEPT_FINISHED_JOBS = 50
SUFFIXES: dict[str, tuple[str, ...]] = {
    "linkedin": (".zip", ".csv"),
    "vcard": (".vcf", ".vcard"),
    "google-csv": (".csv",),
    "ics": (".ics", ".ical"),
    # "": a mail program's folder file, as Thunderbird keeps Inbox and Sent (no extension)
    "mbox": (".mbox", ".mbx", ".eml", ""),
}


class UnsupportedUpload(InvalidInput):
    """A file whose name or content is not the kind it claims to be (HTTP 415)."""


def check_upload(kind: str, filename: str, head: bytes, size: int) -> str:
    """The safe file name of an upload, after checking its size, suffix and first bytes."""
    if kind not in KINDS:
        raise InvalidInput(f"unknown import kind {kind!r}; choose one of: {', '.join(KINDS)}")
    if size > MAX_UPLOAD_BYTES:
        raise InvalidInput(f"{filename}: larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
    if size == 0:
        raise InvalidInput(f"{filename}: the file is empty")
    name = re.sub(r"[^A-Za-z0-9._-]", "_", Path(filename).name)[:100] or "upload"
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES[kind] and not _mail_folder(kind, suffix, head):
        wanted = ", ".join(s for s in SUFFIXES[kind] if s)
        bare = " (or a mail folder's file without extension)" if "" in SUFFIXES[kind] else ""
        raise UnsupportedUpload(f"{filename}: {kind} imports take {wanted} files{bare}")
    if not _looks_like(suffix, head):
        what = f"a {suffix} file" if suffix else "a mail folder (mbox)"
        raise UnsupportedUpload(f"{filename}: the content is not {what}")
    return name


def _mail_folder(kind: str, suffix: str, head: bytes) -> bool:
    """Whether an upload is a mail program's folder file named with a dot (Thunderbird's
    "Jobs.2025", "Clients.old"): one that starts as mail does, and whose ending is not
    that of a file never read as mail (an ``.msf`` index, a ``.json``)."""
    from netweave.io.mbox_folders import never_mail, starts_as_mail

    return kind == "mbox" and never_mail(suffix) is None and starts_as_mail(head)


def _looks_like(suffix: str, head: bytes) -> bool:
    if suffix == ".zip":
        return head.startswith(b"PK\x03\x04")
    if suffix == ".csv":  # UTF-8, UTF-16 (Excel's "Unicode text") or a code page, as the CLI
        return readable_csv(head)
    if b"\x00" in head:
        return False
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff").lstrip().upper()
    if suffix in (".vcf", ".vcard"):
        return text.startswith("BEGIN:VCARD")
    if suffix in (".ics", ".ical"):
        return text.startswith("BEGIN:VCALENDAR")
    if suffix in (".mbox", ".mbx", ""):  # a file without extension only as a mail folder
        return text.startswith("FROM ")
    return True  # single messages: any text


@dataclass
class ImportJob:
    """One import running in the background, with what the page shows."""

    id: str
    kind: str
    file: str
    state: str = "running"
    records: int = 0
    summary: dict[str, Any] | None = None
    error: str | None = None
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix=folder_prefix())))
    #: What the import's transactions saved (read when the server stops while it runs).
    ledger: Ledger = field(default_factory=Ledger)

    def view(self) -> dict[str, Any]:
        """The job as JSON."""
        return {
            "id": self.id,
            "kind": self.kind,
            "file": self.file,
            "state": self.state,
            "records": self.records,
            "summary": self.summary,
            "error": self.error,
        }


def start_import(
    ctx: Context, jobs: dict[str, Any], kind: str, name: str, data: bytes, options: ImportOptions
) -> ImportJob:
    """Save the upload and import it in a thread; the job reports progress."""
    job = ImportJob(secrets.token_urlsafe(8), kind, name)
    # the upload is removed when the import ends, or when the server stops before it does
    cleanup = functools.partial(shutil.rmtree, job.folder, ignore_errors=True)
    atexit.register(cleanup)
    path = job.folder / name
    path.write_bytes(data)
    finished = [key for key, old in jobs.items() if old.state != "running"]
    for key in finished[: max(0, len(finished) + 1 - KEPT_FINISHED_JOBS)]:
        del jobs[key]
    jobs[job.id] = job

    def progress(_file: str, count: int) -> None:
        job.records = count

    def run() -> None:
        try:
            kept = dataclasses.replace(options, progress=progress, kept_in=job.folder)
            with keeping(job.ledger):
                job.summary = run_import(ctx, kind, [path], kept)
            job.state = "done"
        except NetweaveError as exc:  # named by the uploaded file's name, not where it was kept
            said = exc.said(web=True)
            job.state, job.error = "failed", said.replace(f"{job.folder}/", "")
        except Exception as exc:  # one sentence on the page; the details in the server's log
            if not is_locked(exc):
                _log.error("the import of %s (job %s) failed", name, job.id, exc_info=exc)
            job.state, job.error = "failed", _failure(job, exc)
        finally:
            cleanup()
            atexit.unregister(cleanup)

    threading.Thread(target=run, name=f"import-{job.id}", daemon=True).start()
    return job


def _failure(job: ImportJob, exc: Exception) -> str:
    """What an import job that failed unexpectedly says: one sentence, no SQL."""
    saved = last_saved(job.ledger)
    if is_locked(exc):
        reason = "another command is writing to the database; import the file again once it "
        reason += "is done"
    else:
        reason = "an unexpected error stopped it (the server's log says more)"
    if saved is None:
        return f"Nothing from {job.file} was imported: {reason}."
    return f"{saved[0].upper()}{saved[1:]} was saved, but {reason}."


def stop_imports(ctx: Context, jobs: dict[str, Any]) -> list[str]:
    """The server is stopping: commit nothing more of the imports under way, and say, one
    sentence each, which were saved and which were not."""
    ctx.db.refuse_commits("the server stopped: the import is not saved")
    said = []
    for job in jobs.values():
        if job.state != "running":
            continue
        saved = last_saved(job.ledger)  # final: no commit can come after refuse_commits
        if saved is None:
            said.append(f"The import of {job.file} was under way and is not saved: "
                        "upload the file again.")  # fmt: skip
        else:
            said.append(f"{saved[0].upper()}{saved[1:]} was saved.")
    return said
