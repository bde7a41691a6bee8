"""The seam through which capabilities put their actions into the main window.

Each capability (registration wizard, printing and blank stock, transfer, …)
is a :class:`Feature` built with the main window: it adds its actions to the
window's menus or toolbar and renames them when the language changes.  The main
window knows only this list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from tirkeu.ui.main_window import MainWindow


class Feature(Protocol):
    def retranslate(self) -> None:
        """Rename the feature's actions in the current UI language."""


FeatureFactory = Callable[["MainWindow"], Feature]


def factories() -> list[FeatureFactory]:
    """The capabilities of the main window, in menu order."""
    from tirkeu.ui.amendments.feature import AmendmentsFeature
    from tirkeu.ui.printing.feature import PrintingFeature
    from tirkeu.ui.reports.feature import ReportsFeature
    from tirkeu.ui.security.feature import SecurityFeature
    from tirkeu.ui.transfer.feature import TransferFeature
    from tirkeu.ui.wizard.feature import RegistrationFeature

    return [
        RegistrationFeature,
        PrintingFeature,
        AmendmentsFeature,
        TransferFeature,
        ReportsFeature,
        SecurityFeature,
    ]
