"""The intake pages of the registration wizard, one per part of the application."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from tirkeu.domain.application import FatherBasis, Scenario
from tirkeu.domain.names import masculine_surname
from tirkeu.i18n import N_, _
from tirkeu.ui.widgets import named
from tirkeu.ui.wizard.fields import Binding, Choice, DateEdit, digits_edit
from tirkeu.ui.wizard.form_page import FieldMessage, FormPage
from tirkeu.ui.wizard.persons import doc_rows, person_rows

if TYPE_CHECKING:
    from tirkeu.ui.wizard.wizard import RegistrationWizard

(
    P_SCENARIO,
    P_CHILD,
    P_EVIDENCE,
    P_MOTHER,
    P_FATHER,
    P_MARRIAGE,
    P_APPLICANT,
    P_DOCUMENTS,
    P_CHECKLIST,
    P_REVIEW,
) = range(10)

SCENARIO_OPTIONS = [
    (
        "married",
        N_("Parents married to each other"),
        N_("Both parents are recorded on the basis of the marriage certificate (п. 21)."),
    ),
    (
        "unmarried",
        N_("Parents not married to each other"),
        N_(
            "The father is recorded by joint paternity, on the mother's statement, or on his "
            "acknowledgment; or not at all at the mother's wish (п. 26)."
        ),
    ),
    (
        "stillborn",
        N_("Stillborn child"),
        N_(
            "On the medical organisation's application; a spravka is issued instead of a "
            "certificate (п. 7, 40)."
        ),
    ),
    (
        "found",
        N_("Found or abandoned child"),
        N_(
            "On the application of the police, the guardianship body, or the education or "
            "medical organisation, with the protocol of finding (п. 15, 16)."
        ),
    ),
    (
        "surrogacy",
        N_("Assisted reproduction or surrogacy"),
        N_("The spouses are recorded as the parents under the contract (п. 22)."),
    ),
]

SEXES = [("male", N_("Male")), ("female", N_("Female"))]

PLACE_KINDS = [
    ("medical_organization", N_("Medical organisation")),
    ("home", N_("At home")),
    ("expedition", N_("Expedition")),
    ("vessel", N_("On a vessel")),
    ("aircraft", N_("On an aircraft")),
    ("train", N_("On a train")),
    ("other", N_("Elsewhere")),
]

BASES = {
    "marriage": N_("Marriage of the parents (marriage certificate)"),
    "former_spouse": N_("Former spouse: born within 280 days after the marriage ended (п. 17, 23)"),
    "acknowledgment": N_("Acknowledgment of paternity by the man (п. 25, 26 3))"),
    "joint_paternity": N_("Joint application of the parents (п. 26 1))"),
    "mother_statement": N_("The mother's statement (п. 26 2))"),
    "none": N_("No father is recorded, at the mother's wish (п. 26 2))"),
}

BASES_BY_SCENARIO = {
    "married": ["marriage", "former_spouse", "acknowledgment"],
    "unmarried": ["joint_paternity", "mother_statement", "acknowledgment", "none"],
    "stillborn": ["marriage", "former_spouse", "joint_paternity", "mother_statement", "none"],
    "surrogacy": ["marriage"],
    "found": ["none"],
}

BASIS_NOTES = {
    "marriage": N_("The father's data are taken from his identity document."),
    "former_spouse": N_(
        "The father's data come from the marriage, divorce or death record; give the end of the "
        "marriage on the marriage page."
    ),
    "acknowledgment": N_(
        "The man acknowledges himself the father; the mother's consent is needed, and her "
        "husband's consent if she is married (п. 25)."
    ),
    "joint_paternity": N_("Both parents sign the joint application for establishing paternity."),
    "mother_statement": N_(
        "The father's surname is the mother's surname (filled in below); his given name and "
        "patronymic are as the mother states (п. 26 2))."
    ),
    "none": N_("The father's data are left empty on the certificate."),
}

ROLES = {
    "mother": N_("Mother"),
    "father": N_("Father"),
    "both_parents": N_("Both parents"),
    "interested_person": N_("Another person on the parents' behalf"),
    "medical_organization": N_("Medical organisation"),
    "police": N_("Police"),
    "guardianship_body": N_("Guardianship body"),
    "education_organization": N_("Education organisation"),
    "child_self": N_("The person themself (adult)"),
}

ROLES_BY_SCENARIO = {
    "found": ["police", "guardianship_body", "education_organization", "medical_organization"],
    "stillborn": ["medical_organization"],
}
PARENT_ROLES = ("mother", "father", "both_parents", "interested_person", "child_self")
ORGANIZATION_ROLES = (
    "medical_organization",
    "police",
    "guardianship_body",
    "education_organization",
)


class ScenarioPage(FormPage):
    page_id = P_SCENARIO

    def __init__(self, wizard: RegistrationWizard) -> None:
        super().__init__(
            wizard,
            N_("Scenario"),
            N_("What kind of birth is registered? The wizard then asks only what it needs."),
        )
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for index, (code, label, description) in enumerate(SCENARIO_OPTIONS):
            button = named(QRadioButton(), f"scenario_{code}")
            self.group.addButton(button, index)
            self.buttons[code] = button
            self.texts.append((button, label))
            self.form.addRow(button)
            self.note(description).setIndent(24)
        self.missing = FieldMessage()
        self.form.addRow(self.missing)
        self.messages["scenario"] = self.missing
        self.add_binding(
            Binding(
                "scenario",
                self.buttons["married"],
                self.code,
                self.set_code,
                lambda: True,
                self.group.idToggled,
            )
        )
        self.received_on = self.row(N_("Application received on"), DateEdit(), "received_on")

    def code(self) -> str | None:
        index = self.group.checkedId()
        return SCENARIO_OPTIONS[index][0] if index >= 0 else None

    def set_code(self, code: str | None) -> None:
        if code in self.buttons:
            self.buttons[code].setChecked(True)

    def validatePage(self) -> bool:
        if self.code() is None:
            self.missing.setStyleSheet("color: #a01010;")
            self.missing.setText(_("Choose the scenario."))
            self.missing.show()
            return False
        return True


class SiblingRows(QWidget):
    """Given name, patronymic and sex of the other children of a multiple birth (п. 8)."""

    MAX_EXTRA = 5

    def __init__(self, wizard: RegistrationWizard) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.headers = [QLabel() for _i in range(4)]
        for column, header in enumerate(self.headers):
            grid.addWidget(header, 0, column)
        self.rows: list[tuple[QLabel, QLineEdit, QLineEdit, Choice]] = []
        for index in range(self.MAX_EXTRA):
            order = QLabel(str(index + 2))
            given = named(QLineEdit(), f"sibling_given_name_{index + 2}")
            patronymic = named(QLineEdit(), f"sibling_patronymic_{index + 2}")
            sex = named(Choice(SEXES), f"sibling_sex_{index + 2}")
            for column, widget in enumerate((order, given, patronymic, sex)):
                grid.addWidget(widget, index + 1, column)
            given.textChanged.connect(wizard.schedule_check)
            patronymic.textChanged.connect(wizard.schedule_check)
            sex.currentIndexChanged.connect(wizard.schedule_check)
            self.rows.append((order, given, patronymic, sex))
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

    def show_count(self, extra: int) -> None:
        for index, row in enumerate(self.rows):
            for widget in row:
                widget.setVisible(index < extra)

    def retranslate(self) -> None:
        for header, text in zip(
            self.headers, (_("No."), _("Given name"), _("Patronymic"), _("Sex")), strict=True
        ):
            header.setText(text)
        for *_widgets, sex in self.rows:
            sex.retranslate()


class ChildPage(FormPage):
    page_id = P_CHILD

    def __init__(self, wizard: RegistrationWizard) -> None:
        super().__init__(
            wizard,
            N_("The child"),
            N_("As the child will be named on the certificate (п. 29)."),
        )
        self.surname = self.row(N_("Surname"), QLineEdit(), "child.surname")
        self.given_name = self.row(N_("Given name"), QLineEdit(), "child.given_name")
        self.patronymic = self.row(N_("Patronymic (if any)"), QLineEdit(), "child.patronymic")
        self.sex = self.row(N_("Sex"), Choice(SEXES), "child.sex")
        self.birth_date = self.row(N_("Date of birth"), DateEdit(), "child.birth_date")
        self.place = self.row(N_("Place of birth"), QLineEdit(), "child.birth_place.text")
        self.kato = self.row(N_("KATO code of the place"), digits_edit(9), "child.birth_place.kato")
        self.place_kind = self.row(N_("Born"), Choice(PLACE_KINDS), "child.place_kind")
        self.iin = self.row(N_("Child's IIN (if assigned)"), digits_edit(12), "child.iin")
        self.multiple = named(QCheckBox(), "multiple_birth")
        self.texts.append((self.multiple, N_("Twins or more born at one birth (п. 8)")))
        self.form.addRow(self.multiple)
        self.count = QSpinBox(minimum=2, maximum=SiblingRows.MAX_EXTRA + 1)
        self.row(
            N_("Children born"),
            self.count,
            "child.multiple_birth.count",
            self.multiple.isChecked,
        )
        self.siblings = SiblingRows(wizard)
        self.siblings_label = self.note(N_("The other children of this birth, in birth order:"))
        self.form.addRow(self.siblings)
        self.multiple.toggled.connect(self.arrange)
        self.multiple.toggled.connect(wizard.schedule_check)
        self.count.valueChanged.connect(self.arrange)

    def arrange(self) -> None:
        many = self.multiple.isChecked()
        self.show_row(self.count, many)
        self.show_row(self.siblings_label, many)
        self.show_row(self.siblings, many)
        self.siblings.show_count(self.count.value() - 1 if many else 0)

    def retranslate(self) -> None:
        super().retranslate()
        self.siblings.retranslate()


class EvidencePage(FormPage):
    page_id = P_EVIDENCE

    def __init__(self, wizard: RegistrationWizard) -> None:
        super().__init__(
            wizard,
            N_("Evidence of birth"),
            N_(
                "The medical certificate of birth; without it, the court decision establishing "
                "the fact of birth (п. 14)."
            ),
        )
        self.kind = self.row(
            N_("Document"),
            Choice(
                [
                    ("medical_certificate", N_("Medical certificate of birth")),
                    ("court_decision", N_("Court decision establishing the fact of birth")),
                ]
            ),
            "birth_evidence.kind",
        )
        self.doc = doc_rows(self, "birth_evidence")


class MotherPage(FormPage):
    page_id = P_MOTHER

    def __init__(self, wizard: RegistrationWizard) -> None:
        super().__init__(
            wizard, N_("The mother"), N_("From her identity document (п. 31), or see п. 12.")
        )
        self.identity = self.row(
            N_("Her data come from"),
            Choice(
                [
                    ("document", N_("Her identity document")),
                    (
                        "from_medical_certificate",
                        N_(
                            "No ID document: data from the medical certificate, recorded from "
                            "her words (п. 12)"
                        ),
                    ),
                ]
            ),
            "mother.identity",
        )
        self.person = person_rows(self, "mother")
        self.identity.currentIndexChanged.connect(self.arrange)

    def from_words(self) -> bool:
        return self.identity.code() == "from_medical_certificate"

    def arrange(self) -> None:
        with_document = not self.from_words()
        for sub in ("nationality", "document.kind", "document.number", "document.issued_on"):
            self.show_row(self.person[sub], with_document)
        self.show_row(self.person["document.issuer"], with_document)


class FatherPage(FormPage):
    page_id = P_FATHER

    def __init__(self, wizard: RegistrationWizard) -> None:
        super().__init__(
            wizard,
            N_("The father"),
            N_("Choose on what basis the father's data are recorded."),
        )
        self.basis = self.row(
            N_("Basis of the father's data"), Choice([(b, BASES[b]) for b in BASES]), "father_basis"
        )
        self.basis_note = self.note()
        self.person = person_rows(self, "father")
        self.auto_surname = ""
        self.basis.currentIndexChanged.connect(self._basis_changed)

    def arrange(self) -> None:
        scenario = self.wiz.scenario()
        codes = BASES_BY_SCENARIO.get(scenario, list(BASES))
        if [code for code, _msgid in self.basis.options] != codes:
            self.basis.set_options([(b, BASES[b]) for b in codes])
        code = self.basis.code() or ""
        self.basis_note.setText(_(BASIS_NOTES.get(code, "")))
        for widget in self.person.values():
            self.show_row(widget, code != FatherBasis.NONE.value)

    def _basis_changed(self) -> None:
        self.arrange()
        self.fill_surname()

    def fill_surname(self) -> None:
        """п. 26 2): on the mother's statement the father bears the mother's surname."""
        if self.basis.code() != FatherBasis.MOTHER_STATEMENT.value:
            return
        surname = self.person["surname"]
        assert isinstance(surname, QLineEdit)
        if surname.text().strip() and surname.text() != self.auto_surname:
            return
        self.auto_surname = masculine_surname(self.wiz.mother_surname())
        surname.setText(self.auto_surname)

    def initializePage(self) -> None:
        self.fill_surname()

    def retranslate(self) -> None:
        super().retranslate()
        self.arrange()


class MarriagePage(FormPage):
    page_id = P_MARRIAGE

    def __init__(self, wizard: RegistrationWizard) -> None:
        super().__init__(
            wizard,
            N_("Marriage"),
            N_("The marriage certificate is the basis for recording married parents (п. 21)."),
        )
        self.has_marriage = named(QCheckBox(), "has_marriage")
        self.texts.append(
            (self.has_marriage, N_("The mother is or was married (marriage certificate given)"))
        )
        self.form.addRow(self.has_marriage)
        married = self.has_marriage.isChecked
        self.number = self.row(
            N_("Marriage certificate number"), QLineEdit(), "marriage.certificate_number", married
        )
        self.date = self.row(N_("Date of marriage"), DateEdit(), "marriage.date", married)
        self.registry = self.row(N_("Registered by"), QLineEdit(), "marriage.registry", married)
        self.ended = named(QCheckBox(), "marriage_ended")
        self.texts.append(
            (self.ended, N_("The marriage has ended: divorce, annulment or the husband's death"))
        )
        self.form.addRow(self.ended)

        def ended() -> bool:
            return married() and self.ended.isChecked()

        self.end_kind = self.row(
            N_("Ended by"),
            Choice(
                [
                    ("divorce", N_("Divorce")),
                    ("annulment", N_("Annulment")),
                    ("death", N_("Death of the husband")),
                ]
            ),
            "marriage.ended.kind",
            ended,
        )
        self.end_date = self.row(N_("Ended on"), DateEdit(), "marriage.ended.date", ended)
        self.end_heading = self.heading(N_("Certificate of divorce, annulment or death"))
        self.end_doc = doc_rows(self, "marriage.ended.document", ended)
        self.has_marriage.toggled.connect(self.arrange)
        self.has_marriage.toggled.connect(wizard.schedule_check)
        self.ended.toggled.connect(self.arrange)
        self.ended.toggled.connect(wizard.schedule_check)

    def arrange(self) -> None:
        required = self.wiz.scenario() in (Scenario.MARRIED.value, Scenario.SURROGACY.value)
        if required:
            self.has_marriage.setChecked(True)
        self.show_row(self.has_marriage, not required)
        married = self.has_marriage.isChecked()
        marriage_rows: list[QWidget] = [self.number, self.date, self.registry, self.ended]
        for widget in marriage_rows:
            self.show_row(widget, married)
        ended = married and self.ended.isChecked()
        end_rows: list[QWidget] = [self.end_kind, self.end_date, self.end_heading]
        for widget in [*end_rows, *self.end_doc.values()]:
            self.show_row(widget, ended)


class ApplicantPage(FormPage):
    page_id = P_APPLICANT

    def __init__(self, wizard: RegistrationWizard) -> None:
        super().__init__(
            wizard,
            N_("The applicant"),
            N_(
                "Who applies. A person other than a parent shows an identity document and a "
                "document of authority (п. 4, 5)."
            ),
        )
        self.role = self.row(
            N_("Applicant"), Choice([(r, ROLES[r]) for r in ROLES]), "applicant.role"
        )
        self.organization = self.row(N_("Organisation"), QLineEdit(), "applicant.organization")
        self.person_heading = self.heading(N_("The person who applies"))
        self.person = person_rows(self, "applicant.person")
        self.authority_heading = self.heading(N_("Document of authority"))
        self.authority = doc_rows(self, "applicant.authority_document")
        self.role.currentIndexChanged.connect(self.arrange)

    def arrange(self) -> None:
        scenario = self.wiz.scenario()
        codes = ROLES_BY_SCENARIO.get(scenario, [*PARENT_ROLES, "medical_organization"])
        if [code for code, _msgid in self.role.options] != codes:
            self.role.set_options([(r, ROLES[r]) for r in codes])
        role = self.role.code() or ""
        parent = role in ("mother", "father", "both_parents")
        self.show_row(self.organization, role in ORGANIZATION_ROLES)
        self.show_row(self.person_heading, not parent)
        for widget in self.person.values():
            self.show_row(widget, not parent)
        with_authority = not parent and role != "child_self"
        self.show_row(self.authority_heading, with_authority)
        for widget in self.authority.values():
            self.show_row(widget, with_authority)
