"""``tirkeu --self-test``: prove an installation works, end to end, then exit 0 or 1.

It builds a small demo world in a temporary folder, opens the main window
offscreen, renders one certificate, and signs, encrypts, opens and verifies one
bundle.  Each step prints one line; the first failure ends the test with 1.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from tirkeu.i18n import t
from tirkeu.services.demo import DEMO_PASSWORD, DemoWorld, build_demo_world
from tirkeu.services.workspace import Workspace


def _main_window(world: DemoWorld, lang: str) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    from tirkeu.ui.app import make_application

    def quiet_offscreen(kind: QtMsgType, _context: object, message: str) -> None:
        # The offscreen plugin's note about window size hints is not a fault.
        if "propagateSizeHints" not in message:
            print(f"qt: {message}", file=sys.stderr)

    qInstallMessageHandler(quiet_offscreen)
    from tirkeu.ui.main_window import MainWindow

    app = make_application()
    with Workspace.open(world.akimat_dir) as ws:
        window = MainWindow(ws, ws.sign_in("registrar", DEMO_PASSWORD))
        window.show()
        app.processEvents()
        rows = window.model.rowCount()
        window.close()
        app.processEvents()
    if rows == 0:
        raise RuntimeError("the journal is empty")
    return t(lang, "the main window shows {n} journal rows").format(n=rows)


def _certificate(world: DemoWorld, lang: str) -> str:
    from tirkeu.documents.certificate import Blank, Mode, certificate_pdf
    from tirkeu.services.records import RecordService
    from tirkeu.storage.records import JournalQuery

    with Workspace.open(world.akimat_dir) as ws:
        svc = RecordService(ws, ws.sign_in("registrar", DEMO_PASSWORD))
        row = next(
            r for r in svc.journal(JournalQuery(status="certificate_issued"), 0, 50) if r.child_iin
        )
        record = svc.get(row.id)
        pdf = certificate_pdf(
            record,
            ws.office(),
            record.application.language.value,
            ws.today,
            Blank("ТК", "0000001"),
            Mode.PREVIEW,
        )
    if not pdf.startswith(b"%PDF"):
        raise RuntimeError("the certificate is not a PDF")
    return t(lang, "a certificate rendered ({n} bytes)").format(n=len(pdf))


def _bundle(world: DemoWorld, lang: str) -> str:
    from tirkeu.sync.bundle import Kind, open_bundle, write_bundle
    from tirkeu.sync.pki import load_certificates, load_pkcs12
    from tirkeu.sync.signing import RsaSigner

    password = DEMO_PASSWORD.encode()
    office = load_pkcs12(world.akimat_dir / "keys" / "office.p12", password)
    district = load_pkcs12(world.district_dir / "keys" / "district.p12", password)
    roots = load_certificates(world.akimat_dir / "keys" / "ca.pem")
    data = write_bundle(
        {"records.json": [{"self_test": True}]},
        kind=Kind.RECORDS,
        office="selftest",
        sequence=1,
        created_at=dt.datetime.now().astimezone(),
        signer=RsaSigner(office),
        recipient=district.certificate,
    )
    opened = open_bundle(data, district, roots)
    if opened.parts["records.json"] != [{"self_test": True}]:
        raise RuntimeError("the bundle did not read back")
    return t(lang, "a bundle signed, encrypted and verified ({n} bytes)").format(n=len(data))


def run_self_test(lang: str) -> int:
    """Each step prints ``ok`` and what it proved, in ``lang``; a failure prints its traceback."""
    steps: list[tuple[str, Callable[[DemoWorld, str], str]]] = [
        ("gui", _main_window),
        ("certificate", _certificate),
        ("bundle", _bundle),
    ]
    with tempfile.TemporaryDirectory(prefix="tirkeu-selftest-") as tmp:
        try:
            world = build_demo_world(Path(tmp), records=20)
            print("ok", t(lang, "a demo world built"))
            for name, step in steps:
                print(f"ok {name}:", step(world, lang))
        except Exception:  # the self-test reports whatever broke, then fails
            print(f"FAILED {traceback.format_exc()}", file=sys.stderr)
            return 1
    print(t(lang, "self-test passed"))
    return 0
