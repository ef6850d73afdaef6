"""Downloads of your data: the JSON backup, the CSV of people and the vCards zipped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse

from netweave.services.download import Download, open_download
from netweave.web.deps import ctx_of

router = APIRouter(include_in_schema=False)
#: How much of the file is sent at a time.
CHUNK = 64 * 1024


@router.get("/export/{kind}")
def download(request: Request, kind: Literal["json", "csv", "vcard"]) -> Response:
    """The export ``kind`` as a file named with the day; changes nothing. Behind the same
    guards as every page (the Host check, the password when one is set), and never cached:
    it holds personal data about other people."""
    ready = open_download(ctx_of(request), kind)
    headers = {
        "content-disposition": f'attachment; filename="{ready.name}"',
        "content-length": str(ready.size),
        "cache-control": "no-store",
    }
    return StreamingResponse(_chunks(ready), media_type=ready.media_type, headers=headers)


def _chunks(ready: Download) -> Iterator[bytes]:
    """The file, a chunk at a time, closed once sent (or the client gone)."""
    with ready.file as file:
        while chunk := file.read(CHUNK):
            yield chunk
