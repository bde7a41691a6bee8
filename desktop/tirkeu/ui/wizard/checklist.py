"""The documents the applicant must bring for an application, ticked by the registrar.

The service card lists the medical birth certificate, the marriage certificate
and both parents' identity documents; each scenario adds its own (п. 4, 14, 15,
18, 22, 25, 26).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from tirkeu.domain.application import (
    ApplicantRole,
    Application,
    EvidenceKind,
    FatherBasis,
    MotherIdentity,
    Scenario,
)
from tirkeu.domain.rules.context import full_years
from tirkeu.i18n import N_, _
from tirkeu.ui.widgets import named
from tirkeu.ui.wizard.fields import Choice
from tirkeu.ui.wizard.form_page import FieldMessage, FormPage
from tirkeu.ui.wizard.pages import P_CHECKLIST

if TYPE_CHECKING:
    from tirkeu.ui.wizard.wizard import RegistrationWizard

PARENT_ROLES = (ApplicantRole.MOTHER, ApplicantRole.FATHER, ApplicantRole.BOTH_PARENTS)
FATHER_WITH_DOCUMENT = (
    FatherBasis.MARRIAGE,
    FatherBasis.JOINT_PATERNITY,
    FatherBasis.ACKNOWLEDGMENT,
)


def required_documents(app: Application) -> list[tuple[str, str]]:
    """``(key, msgid)`` of every document the applicant must bring for ``app``."""
    docs: list[tuple[str, str]] = []
    if app.birth_evidence is not None:
        if app.birth_evidence.kind is EvidenceKind.COURT_DECISION:
            docs.append(("evidence", N_("Court decision establishing the fact of birth (п. 14)")))
        else:
            docs.append(("evidence", N_("Medical certificate of birth")))
    if app.marriage is not None:
        docs.append(("marriage", N_("Marriage certificate")))
        if app.marriage.ended is not None:
            docs.append(("marriage_end", N_("Certificate of divorce, annulment or death")))
    if (
        app.mother is not None
        and app.mother.identity is not MotherIdentity.FROM_MEDICAL_CERTIFICATE
    ):
        docs.append(("mother_id", N_("The mother's identity document")))
    if app.father is not None and app.father_basis in FATHER_WITH_DOCUMENT:
        docs.append(("father_id", N_("The father's identity document")))
    if app.applicant.role not in PARENT_ROLES:
        docs.append(("applicant_id", N_("The applicant's identity document")))
        if app.applicant.role is not ApplicantRole.CHILD_SELF:
            docs.append(("authority", N_("Document of the applicant's authority (п. 4)")))
    if app.scenario is Scenario.FOUND:
        docs.append(("protocol", N_("Protocol or act of finding the child (п. 15)")))
        docs.append(("medical_document", N_("Medical document on the child's age and sex")))
    if app.scenario is Scenario.SURROGACY:
        docs.append(("surrogacy", N_("Surrogacy contract (п. 22)")))
        docs.append(("art_consent", N_("The spouses' consent to assisted reproduction")))
    if app.father_basis is FatherBasis.ACKNOWLEDGMENT:
        docs.append(("mother_consent", N_("The mother's consent (п. 26 3))")))
        if app.marriage is not None:
            docs.append(("husband_consent", N_("The husband's written consent (п. 25)")))
    born, received = app.child.birth_date, app.received_on
    if app.late_registration_conclusion is not None or (
        born and received and full_years(born, received) >= 1
    ):
        docs.append(("conclusion", N_("Conclusion for a child aged one year or more (п. 18)")))
    return docs


class ChecklistPage(FormPage):
    page_id = P_CHECKLIST

    def __init__(self, wizard: RegistrationWizard) -> None:
        super().__init__(
            wizard,
            N_("Documents and certificate language"),
            N_("Tick each document the applicant has shown; a missing one blocks registration."),
        )
        self.language = self.row(
            N_("Language of the certificate (п. 30)"),
            Choice([("kk", N_("Kazakh")), ("ru", N_("Russian"))]),
            "language",
        )
        self.heading(N_("Documents brought by the applicant"))
        self.box = QWidget()
        self.box_layout = QVBoxLayout(self.box)
        self.box_layout.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.box)
        self.missing = FieldMessage()
        self.form.addRow(self.missing)
        self.messages["documents"] = self.missing
        self.ticked: set[str] = set()
        self.boxes: dict[str, tuple[QCheckBox, str]] = {}

    def initializePage(self) -> None:
        self.rebuild(self.wiz.applications()[0])

    def rebuild(self, app: Application) -> None:
        """One box per document the application needs, remembering earlier ticks."""
        docs = required_documents(app)
        if [key for key, _msgid in docs] == list(self.boxes):
            return
        for box, _msgid in self.boxes.values():
            self.box_layout.removeWidget(box)
            box.deleteLater()
        self.boxes = {}
        previous: QWidget = self.language
        for key, msgid in docs:
            box = named(QCheckBox(_(msgid)), f"doc_{key}")
            box.setChecked(key in self.ticked)
            box.toggled.connect(self._toggled)
            self.box_layout.addWidget(box)
            self.boxes[key] = (box, msgid)
            QWidget.setTabOrder(previous, box)
            previous = box

    def restore(self, keys: set[str]) -> None:
        """Tick the documents a reopened draft had ticked, without marking it changed."""
        self.ticked = set(keys)
        for key, (box, _msgid) in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(key in self.ticked)
            box.blockSignals(False)

    def _toggled(self) -> None:
        self.ticked = {key for key, (box, _m) in self.boxes.items() if box.isChecked()}
        self.wiz.schedule_check()

    def missing_documents(self, app: Application) -> list[str]:
        """The msgids of required documents not ticked."""
        return [msgid for key, msgid in required_documents(app) if key not in self.ticked]

    def retranslate(self) -> None:
        super().retranslate()
        for box, msgid in self.boxes.values():
            box.setText(_(msgid))
