"""Moving bundle files: to a folder (USB stick, share) and over HTTP.

A folder write goes to a hidden temporary name in the same folder, is flushed
and fsynced, then renamed over the final name and the folder fsynced: a stick
pulled out mid-write leaves at most a temporary file, which readers ignore,
never a half bundle under a bundle's name.

The HTTP client uses only the standard library.  Uploads are idempotent (the
district answers 200 with the same acknowledgement for a bundle it already
has), so a lost answer is simply retried, a bounded number of times with a
growing pause; a refusal (4xx) is final and not retried.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tirkeu.storage.durable import fsync_dir
from tirkeu.sync.bundle import SUFFIX, bundle_hash
from tirkeu.sync.errors import BundleError, ErrorCode

TEMP_PREFIX = ".tirkeu-"
TEMP_SUFFIX = ".part"
HEADER_NAME = "X-Tirkeu-Bundle-Name"
HEADER_SHA256 = "X-Tirkeu-Sha256"
HEADER_RESULT = "X-Tirkeu-Result"


def write_atomic(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` as ``folder/name`` so the name never shows a partial file."""
    if "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"not a plain file name: {name!r}")
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / name
    temp = folder / f"{TEMP_PREFIX}{uuid.uuid4().hex}{TEMP_SUFFIX}"
    try:
        with temp.open("xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(folder)
    return final


def list_bundles(folder: Path) -> list[Path]:
    """Complete bundle files in ``folder`` by name, temporary files left out."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.name.endswith(SUFFIX) and not p.name.startswith(".")
    )


class UploadError(Exception):
    """The upload failed for good: refused by the district, or out of retries."""

    def __init__(
        self, message: str, status: int | None = None, refusal: BundleError | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.refusal = refusal  # why the district refused it; ``.message(lang)`` for a person


@dataclass(frozen=True)
class UploadResult:
    acknowledgement: bytes  # the district's signed ack bundle
    already_had: bool  # the district had this bundle before (a retried upload)


def upload(
    base_url: str,
    name: str,
    data: bytes,
    *,
    attempts: int = 5,
    backoff: float = 0.5,
    timeout: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
) -> UploadResult:
    """POST one bundle to ``base_url/bundles`` and return the acknowledgement."""
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    request = urllib.request.Request(
        base_url.rstrip("/") + "/bundles",
        data=data,
        method="POST",
        headers={
            "Content-Type": "application/octet-stream",
            HEADER_NAME: name,
            HEADER_SHA256: bundle_hash(data),
        },
    )
    last: Exception | None = None
    for attempt in range(attempts):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                body = response.read()
                return UploadResult(body, response.headers.get(HEADER_RESULT) == "already-have")
        except urllib.error.HTTPError as exc:
            body = exc.read()
            exc.close()
            if exc.code < 500:
                raise _refusal(exc.code, body) from exc
            last = exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            last = exc
    raise UploadError(f"upload failed after {attempts} attempts: {last}")


def _refusal(status: int, body: bytes) -> UploadError:
    try:
        answer = json.loads(body.decode("utf-8"))
        params = {str(k): str(v) for k, v in answer.get("params", {}).items()}
        refusal = BundleError(ErrorCode(answer["code"]), str(answer.get("detail", "")), **params)
    except (ValueError, KeyError, TypeError, AttributeError):
        return UploadError(f"HTTP {status}", status)
    return UploadError(refusal.message("en"), status, refusal)
