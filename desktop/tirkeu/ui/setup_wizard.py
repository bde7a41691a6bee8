"""First run without data: the office, its first administrator (issue 2) and the
office recovery key, shown once for the office safe (issue 7)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from tirkeu.i18n import _, t, ui_language
from tirkeu.services.auth import Actor
from tirkeu.services.backups import make_recovery_key
from tirkeu.services.errors import ServiceError
from tirkeu.services.workspace import OfficeSetup, Workspace
from tirkeu.ui.widgets import ErrorLabel, named, translate_wizard_buttons


class OfficePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        form = QFormLayout(self)
        self.name_kk = named(QLineEdit(), "office_name_kk")
        self.name_ru = named(QLineEdit(), "office_name_ru")
        self.kato = named(QLineEdit(maxLength=9), "office_kato")
        self.kato.setInputMask("999999999;_")
        self.district_kk = named(QLineEdit(), "office_district_kk")
        self.district_ru = named(QLineEdit(), "office_district_ru")
        self.head = named(QLineEdit(), "office_head")
        self.number_start = named(QSpinBox(minimum=1, maximum=999_999), "office_number_start")
        self.labels = [QLabel() for _i in range(7)]
        for label, field in zip(
            self.labels,
            (
                self.name_kk,
                self.name_ru,
                self.kato,
                self.district_kk,
                self.district_ru,
                self.head,
                self.number_start,
            ),
            strict=True,
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        self.error = ErrorLabel()
        form.addRow(self.error)

    def retranslate(self) -> None:
        self.setTitle(_("The office"))
        self.setSubTitle(_("The registering body as it is printed on certificates (п. 29)."))
        texts = (
            _("Name in Kazakh"),
            _("Name in Russian"),
            _("KATO code"),
            _("District registry (Kazakh)"),
            _("District registry (Russian)"),
            _("Head (full name)"),
            _("First act record number this year"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)

    def validatePage(self) -> bool:
        kato = self.kato.text().strip()
        if not (kato.isdigit() and len(kato) == 9):
            self.error.show_message(lambda lang: t(lang, "The KATO code has 9 digits."))
            self.kato.setFocus()
            return False
        for field in (self.name_kk, self.name_ru, self.district_kk, self.district_ru, self.head):
            if not field.text().strip():
                self.error.show_message(lambda lang: t(lang, "Fill in every field of the office."))
                field.setFocus()
                return False
        self.error.clear_message()
        return True

    def setup(self) -> OfficeSetup:
        return OfficeSetup(
            name_kk=self.name_kk.text(),
            name_ru=self.name_ru.text(),
            kato=self.kato.text(),
            district_kk=self.district_kk.text(),
            district_ru=self.district_ru.text(),
            head_name=self.head.text(),
            number_start=self.number_start.value(),
        )


class AdminPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        form = QFormLayout(self)
        self.username = named(QLineEdit(), "admin_username")
        self.full_name = named(QLineEdit(), "admin_full_name")
        self.password = named(QLineEdit(echoMode=QLineEdit.EchoMode.Password), "admin_password")
        self.repeat = named(QLineEdit(echoMode=QLineEdit.EchoMode.Password), "admin_repeat")
        self.labels = [QLabel() for _i in range(4)]
        for label, field in zip(
            self.labels, (self.username, self.full_name, self.password, self.repeat), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        self.error = ErrorLabel()
        form.addRow(self.error)
        # Saving the office cannot be undone: no way back from the next page.
        self.setCommitPage(True)

    def retranslate(self) -> None:
        self.setTitle(_("The first administrator"))
        self.setSubTitle(_("The administrator manages staff accounts, keys and blank stock."))
        for label, text in zip(
            self.labels,
            (_("User name"), _("Full name"), _("Password"), _("Password again")),
            strict=True,
        ):
            label.setText(text)

    def validatePage(self) -> bool:
        if self.password.text() != self.repeat.text():
            self.error.show_message(lambda lang: t(lang, "The two passwords differ."))
            self.repeat.setFocus()
            return False
        try:
            actor = self.wizard_.workspace.set_up(
                self.wizard_.office_page.setup(),
                self.username.text(),
                self.full_name.text(),
                self.password.text(),
            )
        except ServiceError as exc:
            self.error.show_message(exc.message)
            return False
        self.wizard_.admin = actor
        return True


class RecoveryKeyPage(QWizardPage):
    """The office recovery key, made once the office is saved and shown only here.

    It opens the encrypted database when every password is forgotten and every
    backup; the page cannot be finished before the key is confirmed as kept.
    """

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        layout = QVBoxLayout(self)
        self.intro = QLabel(wordWrap=True)
        self.key = named(QLabel(), "recovery_key")
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.key.setFont(font)
        self.kept = named(QCheckBox(), "recovery_kept")
        self.error = ErrorLabel()
        layout.addWidget(self.intro)
        layout.addSpacing(12)
        layout.addWidget(self.key)
        layout.addSpacing(12)
        layout.addWidget(self.kept)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.kept.toggled.connect(self.completeChanged)

    def retranslate(self) -> None:
        self.setTitle(_("The office recovery key"))
        self.setSubTitle(_("Shown only now. Without it a forgotten password may lose the data."))
        self.intro.setText(
            _(
                "The office database is encrypted. This recovery key opens it and every "
                "backup when all passwords are forgotten (tirkeu recover). Write the key "
                "down on paper, sign it and keep it in the office safe. Do not keep it on "
                "this computer."
            )
        )
        self.kept.setText(_("I have written down the key and will keep it in the safe"))

    def initializePage(self) -> None:
        admin = self.wizard_.admin
        if admin is None or self.key.text():
            return
        try:
            self.key.setText(make_recovery_key(self.wizard_.workspace, admin))
        except ServiceError as exc:
            self.error.show_message(exc.message)

    def isComplete(self) -> bool:
        return self.kept.isChecked() and bool(self.key.text())


class SetupWizard(QWizard):
    """Emits ``done`` with the administrator once the office is saved."""

    completed = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setup_wizard")
        self.workspace = workspace
        self.admin: Actor | None = None
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.office_page = OfficePage()
        self.admin_page = AdminPage(self)
        self.recovery_page = RecoveryKeyPage(self)
        self.addPage(self.office_page)
        self.addPage(self.admin_page)
        self.addPage(self.recovery_page)
        self.finished.connect(self._finished)
        self.retranslate()
        ui_language.subscribe(self._on_language)
        self.resize(640, 460)

    def _on_language(self, _code: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Tirkeu: first start"))
        translate_wizard_buttons(self)
        self.office_page.retranslate()
        self.admin_page.retranslate()
        self.recovery_page.retranslate()

    def _finished(self, result: int) -> None:
        ui_language.unsubscribe(self._on_language)
        if result == QWizard.DialogCode.Accepted.value and self.admin is not None:
            self.completed.emit(self.admin)
        else:
            self.completed.emit(None)
