"""The documents only some scenarios need: finding, surrogacy, consents, п. 18."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit, QWidget

from tirkeu.i18n import N_
from tirkeu.ui.wizard.fields import Binding, DateEdit
from tirkeu.ui.wizard.form_page import FormPage
from tirkeu.ui.wizard.pages import P_DOCUMENTS
from tirkeu.ui.wizard.persons import doc_rows

if TYPE_CHECKING:
    from tirkeu.ui.wizard.wizard import RegistrationWizard


class DocumentsPage(FormPage):
    page_id = P_DOCUMENTS

    def __init__(self, wizard: RegistrationWizard) -> None:
        super().__init__(
            wizard,
            N_("Documents of the scenario"),
            N_("What this scenario needs besides the parents' data."),
        )
        self.groups: dict[str, list[QWidget]] = {}
        found: list[QWidget] = [self.heading(N_("The found child (п. 15, 16)"))]
        found.append(self.row(N_("Found on"), DateEdit(), "found_child.found_on"))
        found.append(self.row(N_("Place of finding"), QLineEdit(), "found_child.place"))
        found.append(
            self.row(N_("Time and circumstances"), QLineEdit(), "found_child.circumstances")
        )
        found.append(self.heading(N_("Protocol or act of finding")))
        found += doc_rows(self, "found_child.protocol").values()
        found.append(self.heading(N_("Medical document on the child's age and sex")))
        found += doc_rows(self, "found_child.medical_document").values()
        found.append(self.note(N_("Left by an unknown mother: the two witnesses (п. 16).")))
        self.witnesses = [QLineEdit(), QLineEdit()]
        for witness in self.witnesses:
            found.append(self.row(N_("Witness (full name)"), witness))
        cell = self.cells[self.witnesses[0]]
        self.add_binding(
            Binding(
                "found_child.witnesses",
                self.witnesses[0],
                self._witnesses,
                self._set_witnesses,
                lambda: self.row_shown(cell),
                self.witnesses[0].textChanged,
            )
        )
        self.witnesses[1].textChanged.connect(wizard.schedule_check)
        self.groups["found"] = found

        surrogacy: list[QWidget] = [self.heading(N_("Surrogacy contract (п. 22)"))]
        surrogacy += doc_rows(self, "surrogacy.contract").values()
        surrogacy.append(self.heading(N_("The spouses' consent to assisted reproduction")))
        surrogacy += doc_rows(self, "surrogacy.art_consent").values()
        self.groups["surrogacy"] = surrogacy

        husband: list[QWidget] = [self.heading(N_("The husband's written consent (п. 25)"))]
        husband += doc_rows(self, "husband_consent").values()
        self.groups["husband_consent"] = husband

        mother: list[QWidget] = [
            self.heading(N_("The mother's consent to the acknowledgment (п. 26 3))"))
        ]
        mother += doc_rows(self, "mother_consent").values()
        self.groups["mother_consent"] = mother

        late: list[QWidget] = [
            self.heading(N_("Conclusion for a child aged one year or more (п. 18)"))
        ]
        late += doc_rows(self, "late_registration_conclusion").values()
        self.groups["late"] = late

    def _witnesses(self) -> list[str] | None:
        names = [w.text().strip() for w in self.witnesses if w.text().strip()]
        return names or None

    def _set_witnesses(self, names: list[str] | None) -> None:
        for index, witness in enumerate(self.witnesses):
            witness.setText(names[index] if names and index < len(names) else "")

    def needed(self) -> set[str]:
        """The groups the current answers call for."""
        wiz = self.wiz
        scenario = wiz.scenario()
        basis = wiz.father_basis()
        groups = set()
        if scenario == "found":
            groups.add("found")
        if scenario == "surrogacy":
            groups.add("surrogacy")
        if basis == "acknowledgment":
            groups.add("mother_consent")
            if wiz.has_marriage():
                groups.add("husband_consent")
        age = wiz.child_age()
        if age is not None and age >= 1:
            groups.add("late")
        return groups

    def arrange(self) -> None:
        needed = self.needed()
        for name, widgets in self.groups.items():
            for widget in widgets:
                self.show_row(widget, name in needed)
