"""Uploaded documents waiting for the coordinator's column mapping (the upload page's preview).

Between the upload and the confirmation the file is kept on the server, named by its SHA-256, so
the confirmation carries only that digest (and the printed name): nothing the browser sends back
can change what is imported.  A file left unconfirmed is removed after a day.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

from django.conf import settings

from ecoplan.importers.text import sha256

KEEP_SECONDS = 24 * 3600
TOKEN = re.compile(r"^[0-9a-f]{64}$")


def _folder() -> Path:
    return Path(settings.DATA_DIR) / "pending-imports"


def keep(data: bytes) -> str:
    """Keep an uploaded document; returns its token (the SHA-256)."""
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - KEEP_SECONDS
    for old in folder.iterdir():
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = sha256(data)
    (folder / token).write_bytes(data)
    return token


def load(token: str) -> bytes | None:
    """The kept document, or None when the token is malformed, unknown or expired."""
    if not TOKEN.match(token):
        return None
    path = _folder() / token
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if sha256(data) == token else None


def discard(token: str) -> None:
    if TOKEN.match(token):
        (_folder() / token).unlink(missing_ok=True)
