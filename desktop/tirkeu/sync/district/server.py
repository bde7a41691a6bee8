"""The district's network intake: ``POST /bundles`` answers with the acknowledgement.

Each upload is first kept in the inbox folder (written atomically, named with
its hash so two different files never overwrite each other), then imported
under the district's lock, so concurrent uploads are imported one at a time
and none is lost.  Answers: 200 with the ack bundle (header ``X-Tirkeu-Result``
``imported`` or ``already-have`` for a re-upload), 422 with a JSON refusal
(code, parameters, English detail), 400/413 for a malformed request, 500 when
the district itself failed (the client retries).
"""

from __future__ import annotations

import json
import logging
import re
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tirkeu.sync.bundle import SUFFIX, bundle_hash
from tirkeu.sync.district.intake import ImportStatus, import_bytes
from tirkeu.sync.district.registry import District
from tirkeu.sync.transport import HEADER_NAME, HEADER_RESULT, write_atomic

MAX_UPLOAD = 256 * 1024 * 1024
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$")
log = logging.getLogger(__name__)


class IntakeServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        district: District,
        inbox: Path,
        acks_dir: Path | None = None,
    ) -> None:
        super().__init__(address, _Handler)
        self.district = district
        self.inbox = inbox
        self.acks_dir = acks_dir


class _Handler(BaseHTTPRequestHandler):
    server: IntakeServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s " + format, self.address_string(), *args)

    def do_POST(self) -> None:
        if self.path.rstrip("/") != "/bundles":
            self._json(HTTPStatus.NOT_FOUND, {"code": "not_found"})
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._json(HTTPStatus.LENGTH_REQUIRED, {"code": "length_required"})
            return
        if length <= 0 or length > MAX_UPLOAD:
            self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"code": "bad_length"})
            return
        data = self.rfile.read(length)
        if len(data) != length:
            self._json(HTTPStatus.BAD_REQUEST, {"code": "short_body"})
            return
        name = self.headers.get(HEADER_NAME, "")
        if not _SAFE_NAME.match(name) or not name.endswith(SUFFIX):
            name = f"upload{SUFFIX}"
        sha = bundle_hash(data)
        try:
            write_atomic(self.server.inbox, f"{name[: -len(SUFFIX)]}-{sha[:16]}{SUFFIX}", data)
            result = import_bytes(self.server.district, data, name, self.server.acks_dir)
        except Exception:
            log.exception("import of %s failed", name)
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"code": "internal"})
            return
        if result.status is ImportStatus.REFUSED:
            assert result.error is not None
            error = result.error
            self._json(
                HTTPStatus.UNPROCESSABLE_ENTITY,
                {
                    "code": error.code.value,
                    "params": error.params,
                    "detail": error.detail,
                    "message": error.message("en"),
                },
            )
            return
        assert result.ack is not None
        already = result.status is ImportStatus.ALREADY_IMPORTED
        self._send(
            HTTPStatus.OK,
            result.ack,
            "application/octet-stream",
            {HEADER_RESULT: "already-have" if already else "imported"},
        )

    def _json(self, status: HTTPStatus, body: dict[str, Any]) -> None:
        self._send(status, json.dumps(body).encode("utf-8"), "application/json", {})

    def _send(self, status: HTTPStatus, body: bytes, kind: str, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)


def make_server(
    district: District, host: str, port: int, inbox: Path, acks_dir: Path | None = None
) -> IntakeServer:
    """A bound server (port 0: any free port, see ``server_address``); not yet serving."""
    return IntakeServer((host, port), district, inbox, acks_dir)
