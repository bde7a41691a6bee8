"""The Transfer window driven through its widgets: folder export, ack import, network send."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.typing import type_text
from tirkeu.i18n import ui_language
from tirkeu.services.workspace import Workspace
from tirkeu.sync.district import intake
from tirkeu.sync.district.registry import District
from tirkeu.sync.district.server import make_server
from tirkeu.ui.dialogs import dialogs
from tirkeu.ui.main_window import MainWindow
from tirkeu.ui.transfer import window as window_module
from tirkeu.ui.transfer.feature import TransferFeature
from tirkeu.ui.transfer.window import TransferWindow

from .helpers import spoil_one_record

pytestmark = pytest.mark.gui
SHOTS = Path("/tmp/shots")
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def main(qtbot: QtBot, ws: Workspace) -> Iterator[MainWindow]:
    window = MainWindow(ws, ws.sign_in("registrar", "demo"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    yield window
    window.close()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(dialogs, "info", lambda _parent, _title, text: shown.append(text))
    return shown


def _feature(main: MainWindow) -> TransferFeature:
    [feature] = [f for f in main.features if isinstance(f, TransferFeature)]
    return feature


def _open(qtbot: QtBot, main: MainWindow) -> TransferWindow:
    feature = _feature(main)
    feature.open_action.trigger()
    window = feature.transfer_window
    assert window is not None and window.isVisible()
    type_text(window.password, "demo")
    return window


def _answer_folder(window: TransferWindow, folder: Path) -> list[str]:
    asked: list[str] = []

    def choose(title: str, chosen: Callable[[Path], None]) -> None:
        asked.append(title)
        chosen(folder)

    window.choose_folder = choose  # type: ignore[method-assign]
    return asked


def _answer_files(window: TransferWindow, files: list[Path]) -> None:
    window.choose_ack_files = lambda chosen: chosen(files)  # type: ignore[method-assign]


def _shot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    QApplication.processEvents()  # let the layouts follow the newest texts
    widget.grab().save(str(SHOTS / f"{name}.png"))


def _statuses(main: MainWindow) -> set[str]:
    return {row.status for row in main.model.rows}


def test_folder_export_and_ack_import_through_the_window(
    qtbot: QtBot,
    main: MainWindow,
    district: District,
    tmp_path: Path,
    errors: list[str],
) -> None:
    spoil_one_record(main.workspace)
    feature = _feature(main)
    # The indicator counts off the GUI thread (a million unsent records take a while).
    qtbot.waitUntil(lambda: "color: #a01010" in feature.indicator.styleSheet())
    window = _open(qtbot, main)
    assert window.warning.isVisible()
    assert int(window.count_labels["certificate_issued"][1].text()) > 0
    _shot(window, "transfer_window_before")

    asked = _answer_folder(window, tmp_path / "usb")
    qtbot.mouseClick(window.export_button, LEFT)
    assert asked, "the folder was asked for"
    [bundle] = sorted((tmp_path / "usb").glob("*.tkb"))
    assert bundle.name in window.results.toPlainText()
    assert window.count_labels["certificate_issued"][1].text() == "0"
    assert not window.warning.isVisible()
    assert "transferred" in _statuses(main)
    assert "registered" not in _statuses(main)
    qtbot.waitUntil(lambda: feature.indicator.styleSheet() == "")

    [result] = intake.import_files(district, [bundle], tmp_path / "acks")
    assert result.ack_path is not None
    _answer_files(window, [result.ack_path])
    qtbot.mouseClick(window.ack_button, LEFT)
    text = window.results.toPlainText()
    assert "Расталды" in text or "Confirmed" in text or "расталды" in text.lower()
    assert {"confirmed", "rejected"} <= _statuses(main)
    assert "№" not in window.open_label.text(), "nothing waits for an answer"
    _shot(window, "transfer_window_after_ack")

    qtbot.mouseClick(window.ack_button, LEFT)  # the same ack again: nothing changes
    assert window.results.toPlainText().count(result.ack_path.name) == 1
    assert errors == []

    ui_language.set("ru")
    assert window.windowTitle() == "Передача в районный орган регистрации"
    _shot(window, "transfer_window_ru")
    ui_language.set("en")
    _shot(main, "main_window_transfer_indicator")
    window.close()
    assert feature.transfer_window is None


def test_the_password_is_asked_before_anything_is_written(
    qtbot: QtBot, main: MainWindow, tmp_path: Path
) -> None:
    window = _open(qtbot, main)
    window.password.clear()
    asked = _answer_folder(window, tmp_path / "usb")
    qtbot.mouseClick(window.export_button, LEFT)
    assert asked == [] and window.error.isVisible()
    type_text(window.password, "wrong")
    window.write_bundle(tmp_path / "usb")
    assert "кілті ашылмады" in window.error.text()
    assert not (tmp_path / "usb").exists()


@pytest.fixture
def served(district: District, tmp_path: Path) -> Iterator[str]:
    server = make_server(district, "127.0.0.1", 0, tmp_path / "inbox", tmp_path / "district-acks")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=30)


def test_send_over_the_network_in_a_worker(
    qtbot: QtBot, main: MainWindow, served: str, errors: list[str]
) -> None:
    window = _open(qtbot, main)
    type_text(window.url, served)
    qtbot.mouseClick(window.save_button, LEFT)
    assert not window.error.isVisible()
    qtbot.mouseClick(window.send_button, LEFT)
    assert window.task is not None and not window.send_button.isEnabled()
    qtbot.waitUntil(lambda: window.task is None, timeout=60_000)
    assert window.send_button.isEnabled()
    assert errors == []
    assert "confirmed" in _statuses(main)
    assert "№" not in window.open_label.text()
    state = window.service.status()
    assert state.unacknowledged == [] and state.unsent_total == 0
    _shot(window, "transfer_window_sent")


def test_an_unreachable_district_is_reported_and_retried_later(
    qtbot: QtBot, main: MainWindow, errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        window_module, "UploadTask", functools.partial(window_module.UploadTask, attempts=1)
    )
    window = _open(qtbot, main)
    type_text(window.url, "http://127.0.0.1:9")
    qtbot.mouseClick(window.save_button, LEFT)
    window.send()
    assert window.task is not None
    qtbot.waitUntil(lambda: window.task is None, timeout=60_000)
    assert len(errors) == 1 and "TIRKEU-" in errors[0]
    assert window.service.status().unacknowledged == [1], "sent again with the next send"


def test_an_administrator_installs_the_office_keys(
    qtbot: QtBot, ws: Workspace, demo_world: Path, tmp_path: Path, errors: list[str]
) -> None:
    from tirkeu.sync import pki

    main = MainWindow(ws, ws.sign_in("admin", "demo"))
    qtbot.addWidget(main)
    feature = _feature(main)
    assert feature.keys_action.isEnabled()
    for name in ("office.p12", "district.pem"):
        (ws.data_dir / "keys" / name).unlink()
    pki_dir = demo_world / "district" / "pki"
    district_pem = pki.save_certificate(
        pki.load_pkcs12(pki_dir / "district.p12", b"demo").certificate, tmp_path / "district.pem"
    )
    feature.keys_action.trigger()
    window = feature.keys_window
    assert window is not None
    window.choose_file = lambda title, chosen: chosen(  # type: ignore[method-assign]
        pki_dir / "office-196243100.p12"
    )
    qtbot.mouseClick(window.browse["office_key"], LEFT)
    type_text(window.paths["ca"], str(pki_dir / "ca.pem"))
    type_text(window.paths["district"], str(district_pem))
    type_text(window.password, "wrong")
    qtbot.mouseClick(window.install_button, LEFT)
    assert "ашылмады" in window.error.text()
    _shot(window, "keys_window")
    type_text(window.password, "demo")
    with qtbot.waitSignal(window.installed):
        qtbot.mouseClick(window.install_button, LEFT)
    assert errors == ["Мекеменің кілттері орнатылды."]
    assert feature.service.has_keys()
    main.close()


def test_a_registrar_may_not_install_keys(main: MainWindow) -> None:
    assert not _feature(main).keys_action.isEnabled()
