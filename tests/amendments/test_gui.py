"""The amendment window driven through its widgets: every kind end to end in Kazakh and
Russian, the head's decision, the new blank and the fee, refusals with their reasons."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.amendments.helpers import (
    FATHER,
    basis,
    blank_status,
    clock,
    record_where,
    valid_blanks,
)
from tests.ui.typing import type_text
from tirkeu.domain.amendments import AmendmentKind, AmendmentStatus, BasisKind, get_value
from tirkeu.domain.application import to_dict
from tirkeu.i18n import ui_language
from tirkeu.services.amendments import AmendmentService
from tirkeu.services.records import RecordService
from tirkeu.services.workspace import Workspace
from tirkeu.storage.models import ActRecordRow
from tirkeu.ui import dialogs as dialogs_module
from tirkeu.ui.amendments.feature import AmendmentsFeature
from tirkeu.ui.amendments.window import AmendmentWindow
from tirkeu.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def ws(demo_world: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(demo_world / "akimat", clock=clock)
    workspace.sign_in("admin", "demo")  # opens the encrypted database
    yield workspace
    workspace.close()


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """What the dialog seam showed; a question is answered yes."""
    shown: list[tuple[str, str]] = []
    seam = dialogs_module.dialogs

    def info(_parent: Any, _title: str, text: str) -> None:
        shown.append(("info", text))

    def error(_parent: Any, _title: str, text: str) -> None:
        shown.append(("error", text))

    def confirm(_parent: Any, _title: str, text: str, on_yes: Any) -> None:
        shown.append(("confirm", text))
        on_yes()

    monkeypatch.setattr(seam, "info", info)
    monkeypatch.setattr(seam, "error", error)
    monkeypatch.setattr(seam, "confirm", confirm)
    return shown


def shot(widget: QWidget, name: str) -> None:
    widget.grab().save(f"/tmp/shots/{name}.png")


def cell(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text() if item is not None else ""


def choose(combo: Any, value: object) -> None:
    combo.setCurrentIndex(combo.findData(value))


def fill_basis(win: AmendmentWindow, kind: BasisKind) -> None:
    choose(win.basis_kind, kind)
    type_text(win.basis_number, "41")
    type_text(win.basis_issuer, "Талғар ауданының АХАЖ бөлімі")


def add(win: AmendmentWindow, qtbot: QtBot, path: str, value: str) -> None:
    win.field.setEditText(path)
    type_text(win.new_value, value)
    qtbot.keyClick(win.new_value, Qt.Key.Key_Return)


def window_for(qtbot: QtBot, ws: Workspace, user: str, record_id: int) -> AmendmentWindow:
    win = AmendmentWindow(ws, ws.sign_in(user, "demo"), record_id)
    qtbot.addWidget(win)
    win.show()
    return win


CASES = [
    ("kk", AmendmentKind.CORRECTION, "child.given_name", "Әлихан", "Түзету"),
    ("ru", AmendmentKind.CHANGE, "child.surname", "Жаңаев", "Изменение"),
    (
        "kk",
        AmendmentKind.RESTORATION,
        "child.birth_place.text",
        "Талғар ауданы, Бесағаш",
        "Қалпына",
    ),
    ("ru", AmendmentKind.ADDITION, "mother.nationality", "казашка", "Дополнение"),
]


@pytest.mark.parametrize(("lang", "kind", "path", "value", "word"), CASES)
def test_each_kind_end_to_end(
    qtbot: QtBot,
    ws: Workspace,
    said: list[tuple[str, str]],
    lang: str,
    kind: AmendmentKind,
    path: str,
    value: str,
    word: str,
) -> None:
    ui_language.set(lang)
    registrar = ws.sign_in("registrar", "demo")
    main = MainWindow(ws, registrar)
    qtbot.addWidget(main)
    feature = next(f for f in main.features if isinstance(f, AmendmentsFeature))
    if kind is AmendmentKind.ADDITION:
        with ws.db.session() as s:
            rid = next(
                r.id
                for r in s.scalars(
                    select(ActRecordRow).where(ActRecordRow.status == "certificate_issued")
                )
                if r.application.get("mother") and not r.application["mother"].get("nationality")
            )
    else:
        rid = record_where(ws, status="certificate_issued", scenario="married")
    row = next(
        r
        for r in range(main.model.rowCount())
        if main.model.data(main.model.index(r, 0), Qt.ItemDataRole.UserRole) == rid
    )
    main.table.selectRow(row)
    win = feature.open_selected()
    assert win is not None
    qtbot.addWidget(win)
    (old_blank,) = valid_blanks(ws, rid)

    choose(win.kind, kind)
    fill_basis(win, BasisKind.APPLICATION)
    add(win, qtbot, path, value)
    assert win.changes.rowCount() == 1 and cell(win.changes, 0, 2) == value
    assert not any("Error" in win.findings.item(i).text() for i in range(win.findings.count()))
    assert not win.approve_button.isEnabled(), "the registrar does not decide"
    shot(win, f"amendment-new-{kind.value}-{lang}")
    win.receive_button.click()
    assert said and said[-1][0] == "info", said
    assert win.table.rowCount() == 1 and word in cell(win.table, 0, 1)

    head = window_for(qtbot, ws, "head", rid)
    head.table.selectRow(0)
    assert head.approve_button.isEnabled()
    head.approve_button.click()
    assert AmendmentService(ws, registrar).for_record(rid)[0].status is AmendmentStatus.APPROVED
    choose(head.relation, "parent")
    head.surrendered.setChecked(True)
    head.issue_button.click()
    kind_said, text = said[-1]
    assert kind_said == "info" and "2\xa0162,50" in text
    assert "4325" in text or "4 325" in text
    assert blank_status(ws, old_blank) == "surrendered"
    (new_blank,) = valid_blanks(ws, rid)
    assert new_blank != old_blank
    assert cell(head.table, 0, 6).startswith("2\xa0162,50")
    assert "2" in head.versions_label.text()
    shot(head, f"amendment-issued-{kind.value}-{lang}")
    record = RecordService(ws, registrar).get(rid)
    assert get_value(to_dict(record.application), path) == value
    head.close()
    win.close()
    main.close()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_paternity_through_the_window(
    qtbot: QtBot, ws: Workspace, said: list[tuple[str, str]], lang: str
) -> None:
    ui_language.set(lang)
    rid = record_where(ws, status="certificate_issued", scenario="unmarried", father_basis="none")
    win = window_for(qtbot, ws, "registrar", rid)
    choose(win.kind, AmendmentKind.PATERNITY)
    assert win.father.isVisible() and not win.consent_box.isVisible()
    fill_basis(win, BasisKind.PATERNITY_ACKNOWLEDGMENT)
    assert win.consent_box.isVisible()
    edits = win.father.edits
    type_text(edits["surname"], FATHER["surname"])
    type_text(edits["given_name"], FATHER["given_name"])
    type_text(edits["patronymic"], FATHER["patronymic"])
    type_text(edits["iin"], FATHER["iin"])
    win.father.birth_date.setDate(
        win.father.birth_date.date().fromString("1990-03-14", "yyyy-MM-dd")
    )
    type_text(edits["doc_number"], "045678912")
    type_text(edits["doc_issuer"], "ҚР ІІМ")
    texts = [win.findings.item(i).text() for i in range(win.findings.count())]
    assert any("26" in t for t in texts), texts
    shot(win, f"amendment-paternity-{lang}")
    win.receive_button.click()
    assert win.new_error.isVisible() and win.table.rowCount() == 0
    type_text(win.consent_number, "3")
    type_text(win.consent_issuer, "Нотариус Ахметова Г.")
    win.receive_button.click()
    assert win.table.rowCount() == 1, win.new_error.text()

    head = window_for(qtbot, ws, "head", rid)
    head.table.selectRow(0)
    head.approve_button.click()
    app = RecordService(ws, head.actor).get(rid).application
    assert app.father is not None and app.father.surname == FATHER["surname"]
    assert app.father_basis.value == "acknowledgment" and app.mother_consent is not None
    head.close()
    win.close()


@pytest.mark.parametrize(("lang", "word"), [("kk", "жоба"), ("ru", "черновик")])
def test_bad_input_is_refused_with_the_reason(
    qtbot: QtBot, ws: Workspace, said: list[tuple[str, str]], lang: str, word: str
) -> None:
    ui_language.set(lang)
    draft = record_where(ws, status="draft", scenario="married")
    win = window_for(qtbot, ws, "registrar", draft)
    fill_basis(win, BasisKind.APPLICATION)
    add(win, qtbot, "child.given_name", "Ая")
    win.receive_button.click()
    assert word in win.new_error.text()
    win.close()

    rid = record_where(ws, status="certificate_issued", scenario="married")
    win = window_for(qtbot, ws, "registrar", rid)
    add(win, qtbot, "child.given_name", "Ая")
    win.receive_button.click()
    assert win.table.rowCount() == 0 and win.new_error.isVisible()
    texts = [win.findings.item(i).text() for i in range(win.findings.count())]
    assert texts and all("basis" in t for t in texts), texts
    assert win.decision_note.text(), "the registrar is told who decides"
    shot(win, f"amendment-refused-{lang}")
    fill_basis(win, BasisKind.APPLICATION)
    win.receive_button.click()
    assert win.table.rowCount() == 1

    head = window_for(qtbot, ws, "head", rid)
    head.table.selectRow(0)
    type_text(head.reason, "қысқа")
    head.refuse_button.click()
    assert said[-1][0] == "error"
    type_text(head.reason, "Негіздеме құжаты түпнұсқа емес")
    head.refuse_button.click()
    assert cell(head.table, 0, 2) != ""
    assert AmendmentService(ws, head.actor).for_record(rid)[0].status is AmendmentStatus.REFUSED
    assert not head.issue_button.isEnabled()
    ui_language.set("ru" if lang == "kk" else "kk")
    assert head.windowTitle() != ""
    head.close()
    win.close()


def test_the_pending_list_opens_the_record(qtbot: QtBot, ws: Workspace) -> None:
    rid = record_where(ws, status="certificate_issued", scenario="married")
    AmendmentService(ws, ws.sign_in("registrar", "demo")).propose(
        rid, AmendmentKind.CORRECTION, basis(), {"child.given_name": "Әлихан"}
    )
    main = MainWindow(ws, ws.sign_in("head", "demo"))
    qtbot.addWidget(main)
    feature = next(f for f in main.features if isinstance(f, AmendmentsFeature))
    pending = feature.open_pending()
    qtbot.addWidget(pending)
    assert pending.table.rowCount() == 1
    shot(pending, "amendments-pending")
    pending._open(0, 0)
    opened = feature.windows[-1]
    assert isinstance(opened, AmendmentWindow) and opened.record_id == rid
    opened.close()
    pending.close()
    main.close()
