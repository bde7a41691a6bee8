"""Starting the GUI: data folder, first-run setup, sign-in, main window.

:class:`AppController` walks those steps with signals, never with a nested
modal loop, so tests drive the same path a person does.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from tirkeu.i18n import _, ui_language
from tirkeu.services import datadir
from tirkeu.services.errors import ServiceError
from tirkeu.services.workspace import Workspace
from tirkeu.ui.sign_in import SignInWindow
from tirkeu.ui.warmup import WarmUp

# The main window, the setup wizard and what they use (SQLAlchemy, the
# services) are imported when first shown, or earlier by the warm-up while a
# person types the password: the sign-in window comes up without them.
if TYPE_CHECKING:
    from tirkeu.services.roles import Actor
    from tirkeu.ui.main_window import MainWindow

# Qt's own catalogues per UI language, the first one found is used.  Qt 6.11
# ships a Kazakh qtbase (context menus, file dialog, message-box buttons); a Qt
# without one falls back to Russian, which a Kazakh registrar reads too.
QT_CATALOGS: dict[str, tuple[str, ...]] = {
    "kk": ("qtbase_kk", "qtbase_ru"),
    "ru": ("qtbase_ru",),
}


class QtTranslations(QObject):
    """Qt's own strings (context menus, file dialogs) follow the UI language."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.translator: QTranslator | None = None
        ui_language.subscribe(self.load)
        self.load(ui_language.code)

    def load(self, code: str) -> None:
        if self.translator is not None:
            self.app.removeTranslator(self.translator)
            self.translator = None
        QLocale.setDefault(QLocale(code if code != "en" else "en_GB"))
        path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in QT_CATALOGS.get(code, ()):
            translator = QTranslator(self)
            if translator.load(name, path):
                self.app.installTranslator(translator)
                self.translator = translator
                return


class AppController(QObject):
    """Owns the open workspace and whichever window is current."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.window: QWidget | None = None
        self.main_window: MainWindow | None = None

    def start(self) -> None:
        if self.workspace.is_set_up():
            self.show_sign_in()
        else:
            from tirkeu.ui.setup_wizard import SetupWizard

            wizard = SetupWizard(self.workspace)
            wizard.completed.connect(self._setup_done)
            self.window = wizard
            wizard.show()

    def _setup_done(self, admin: Actor | None) -> None:
        if admin is None:
            QApplication.quit()
            return
        self.show_sign_in()

    def show_sign_in(self) -> None:
        sign_in = SignInWindow(self.workspace)
        sign_in.signed_in.connect(self.show_main)
        self.window = sign_in
        sign_in.show()

    def show_main(self, actor: Actor) -> None:
        from tirkeu.services.accounts import idle_lock_minutes
        from tirkeu.services.backups import daily_backup_if_due
        from tirkeu.ui.main_window import MainWindow
        from tirkeu.ui.security.idle_lock import IdleLock
        from tirkeu.ui.security.password import ChangePasswordDialog

        if actor.must_change_password:
            forced = ChangePasswordDialog(self.workspace, actor, forced=True)
            forced.changed.connect(self.show_main)
            self.window = forced
            forced.show()
            return
        self.main_window = MainWindow(self.workspace, actor)
        self.window = self.main_window
        IdleLock(self.main_window, self.workspace, actor, idle_lock_minutes(self.workspace))
        self.main_window.show()
        try:
            daily_backup_if_due(self.workspace)
        except ServiceError as exc:
            from tirkeu.ui.dialogs import dialogs

            dialogs.error(self.main_window, _("Backup"), exc.message(ui_language.code))


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("Tirkeu")
    app.setOrganizationName("Tirkeu")
    QtTranslations(app)
    return app


def run_gui(data_dir: str | None, demo: bool) -> int:
    app = make_application()
    demo_root: tempfile.TemporaryDirectory[str] | None = None
    try:
        if demo:
            from tirkeu.services.demo import build_demo_world

            demo_root = tempfile.TemporaryDirectory(prefix="tirkeu-demo-")
            world = build_demo_world(Path(demo_root.name), records=300)
            path = world.akimat_dir
        else:
            path = datadir.resolve(data_dir)
        workspace = Workspace.open(path)
    except ServiceError as exc:
        from tirkeu.ui.dialogs import dialogs

        dialogs.error(None, _("Tirkeu"), exc.message(ui_language.code))
        app.exec()
        if demo_root:
            demo_root.cleanup()
        return 1
    controller = AppController(workspace)
    controller.start()
    WarmUp(app).start()
    if demo and controller.window is not None:
        sign_in = controller.window
        if isinstance(sign_in, SignInWindow):
            sign_in.username.setText("registrar")
            sign_in.password.setText("demo")
    code = app.exec()
    workspace.close()
    if demo_root:
        demo_root.cleanup()
    return code
