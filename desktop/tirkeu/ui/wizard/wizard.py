"""The registration wizard (issue 4): intake, checks as one types, register or refuse.

The application is built from the bound inputs of the pages on the scenario's
path; the rules engine runs on it when typing pauses.  The draft is saved on
every page change and on close, so nothing typed is lost, and registration is
one service transaction, so nothing is ever half-registered.
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget, QWizard, QWizardPage

from tirkeu.domain.application import Application, from_dict, to_dict
from tirkeu.domain.record import ActRecord
from tirkeu.domain.rules.context import full_years
from tirkeu.i18n import _, t, ui_language
from tirkeu.services.auth import Actor
from tirkeu.services.errors import ServiceError
from tirkeu.services.records import RecordService, RegistrationBlocked
from tirkeu.services.workspace import Workspace
from tirkeu.storage.records import JournalQuery, JournalRow
from tirkeu.ui.dialogs import dialogs
from tirkeu.ui.widgets import translate_wizard_buttons
from tirkeu.ui.wizard.checklist import ChecklistPage
from tirkeu.ui.wizard.documents_page import DocumentsPage
from tirkeu.ui.wizard.fields import put, take
from tirkeu.ui.wizard.form_page import FormPage
from tirkeu.ui.wizard.notices import Notice, from_finding
from tirkeu.ui.wizard.pages import (
    P_APPLICANT,
    P_CHECKLIST,
    P_CHILD,
    P_DOCUMENTS,
    P_EVIDENCE,
    P_FATHER,
    P_MARRIAGE,
    P_MOTHER,
    P_REVIEW,
    P_SCENARIO,
    ApplicantPage,
    ChildPage,
    EvidencePage,
    FatherPage,
    MarriagePage,
    MotherPage,
    ScenarioPage,
)
from tirkeu.ui.wizard.refusal import RefusalFlow
from tirkeu.ui.wizard.review import ReviewPage

CHECK_DELAY_MS = 400
PERSON_PREFIXES = ("mother", "father", "applicant.person")


def blocked_text(exc: RegistrationBlocked) -> Callable[[str], str]:
    """Why the service refused to register, with its findings, in a language chosen later."""

    def render(lang: str) -> str:
        notices = [from_finding(f) for f in exc.findings]
        return "\n".join([exc.message(lang), *(n.text() for n in notices)])

    return render


class RegistrationWizard(QWizard):
    saved = Signal()
    registered = Signal(list)
    refused = Signal(list)

    def __init__(
        self,
        workspace: Workspace,
        actor: Actor,
        records: RecordService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("registration_wizard")
        self.workspace = workspace
        self.actor = actor
        self.records = records or RecordService(workspace, actor)
        self.record_ids: list[int] = []
        self.birth_group: str | None = None
        self.dirty = False
        self.loading = False
        self.notices: list[Notice] = []
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

        self.scenario_page = ScenarioPage(self)
        self.child_page = ChildPage(self)
        self.evidence_page = EvidencePage(self)
        self.mother_page = MotherPage(self)
        self.father_page = FatherPage(self)
        self.marriage_page = MarriagePage(self)
        self.applicant_page = ApplicantPage(self)
        self.documents_page = DocumentsPage(self)
        self.checklist_page = ChecklistPage(self)
        self.review_page = ReviewPage(self)
        self.form_pages: list[FormPage] = [
            self.scenario_page,
            self.child_page,
            self.evidence_page,
            self.mother_page,
            self.father_page,
            self.marriage_page,
            self.applicant_page,
            self.documents_page,
            self.checklist_page,
        ]
        for page in self.form_pages:
            self.setPage(page.page_id, page)
        self.setPage(P_REVIEW, self.review_page)
        self.scenario_page.received_on.set_value(self.today())
        self.refusal = RefusalFlow(self)
        self.customButtonClicked.connect(self._custom_button)
        self.currentIdChanged.connect(self._page_changed)
        self.finished.connect(self._finished)
        ui_language.subscribe(self._on_language)
        self.retranslate()
        self.arrange()
        self.dirty = False
        self.resize(980, 700)

    # --- state the pages ask about --------------------------------------------

    def today(self) -> dt.date:
        return self.workspace.today

    def scenario(self) -> str:
        return self.scenario_page.code() or ""

    def father_basis(self) -> str:
        return self.father_page.basis.code() or ""

    def has_marriage(self) -> bool:
        return self.marriage_page.has_marriage.isChecked()

    def mother_surname(self) -> str:
        surname = self.mother_page.person["surname"]
        return surname.text().strip() if hasattr(surname, "text") else ""

    def child_age(self) -> int | None:
        born = self.child_page.birth_date.value()
        received = self.scenario_page.received_on.value() or self.today()
        return full_years(born, received) if born else None

    def path_ids(self) -> list[int]:
        """The pages the current scenario goes through, in order."""
        self.arrange()
        ids = [P_SCENARIO, P_CHILD]
        if self.scenario() != "found":
            ids += [P_EVIDENCE, P_MOTHER, P_FATHER, P_MARRIAGE]
        ids.append(P_APPLICANT)
        if self.documents_page.needed():
            ids.append(P_DOCUMENTS)
        return [*ids, P_CHECKLIST, P_REVIEW]

    def next_id(self, page_id: int) -> int:
        ids = self.path_ids()
        if page_id not in ids:
            return -1
        index = ids.index(page_id)
        return ids[index + 1] if index + 1 < len(ids) else -1

    def arrange(self) -> None:
        for page in self.form_pages:
            page.arrange()

    # --- the application ------------------------------------------------------

    def collect(self) -> dict[str, Any]:
        """The e-application JSON of the first (or only) child from the inputs shown."""
        ids = self.path_ids()
        data: dict[str, Any] = {}
        for page in self.form_pages:
            if page.page_id not in ids:
                continue
            for binding in page.bindings:
                if binding.active():
                    value = binding.get()
                    if value is not None and value != "":
                        put(data, binding.path, value)
        scenario = self.scenario()
        put(data, "child.alive", scenario != "stillborn")
        if take(data, "child.multiple_birth.count") is not None:
            put(data, "child.multiple_birth.order", 1)
        if scenario == "found":
            data["father_basis"] = "none"
        for prefix in PERSON_PREFIXES:
            document = take(data, f"{prefix}.document")
            if isinstance(document, dict) and set(document) == {"kind"}:
                del take(data, prefix)["document"]
        return data

    def applications(self) -> list[Application]:
        """One application per child; the siblings of a multiple birth differ in the child."""
        data = self.collect()
        apps = [from_dict(data)]
        count = take(data, "child.multiple_birth.count")
        if isinstance(count, int):
            for index, (_order, given, patronymic, sex) in enumerate(
                self.child_page.siblings.rows[: count - 1]
            ):
                sibling = copy.deepcopy(data)
                put(sibling, "child.given_name", given.text().strip())
                put(sibling, "child.patronymic", patronymic.text().strip() or None)
                put(sibling, "child.sex", sex.code())
                put(sibling, "child.multiple_birth.order", index + 2)
                apps.append(from_dict(sibling))
        return apps

    # --- checks -----------------------------------------------------------------

    def schedule_check(self, *_args: object) -> None:
        if self.loading:
            return
        self.dirty = True
        self._timer.start()

    def refresh(self) -> None:
        """Run the rules on every child's application and show the findings."""
        self._timer.stop()
        apps = self.applications()
        first = self.records.findings(apps[0])
        notices = [from_finding(f) for f in first]
        for order, app in enumerate(apps[1:], start=2):
            notices += [
                from_finding(f, order)
                for f in self.records.findings(app)
                if f.field.startswith("child.") and f not in first
            ]
        kato = apps[0].child.birth_place.kato
        if kato and len(kato) != 9:
            notices.insert(
                0,
                Notice(
                    "error",
                    "child.birth_place.kato",
                    None,
                    "wizard.kato",
                    lambda: _("The KATO code has 9 digits."),
                ),
            )
        missing = self.checklist_page.missing_documents(apps[0])
        if missing:
            notices.insert(
                0,
                Notice(
                    "error",
                    "documents",
                    None,
                    "wizard.documents",
                    lambda: _("The applicant has not shown: {documents}.").format(
                        documents="; ".join(_(m) for m in missing)
                    ),
                ),
            )
        self.notices = notices
        placed: dict[FormPage, list[tuple[Notice, str | None]]] = {}
        for notice in notices:
            page, path = self.locate(notice)
            if page is not None:
                placed.setdefault(page, []).append((notice, path))
        for page in self.form_pages:
            page.show_notices(placed.get(page, []))
        self.review_page.show_notices(notices)

    def locate(self, notice: Notice) -> tuple[FormPage | None, str | None]:
        """The page and field path a notice belongs to (the nearest field shown)."""
        ids = self.path_ids()
        candidates: list[tuple[FormPage, str]] = []
        for page in self.form_pages:
            if page.page_id not in ids:
                continue
            active = {b.path for b in page.bindings if b.active()}
            bound = {b.path for b in page.bindings}
            candidates += [(page, p) for p in page.messages if p in active or p not in bound]
        field = notice.field
        if notice.child > 1 and field.startswith("child."):
            return self.child_page, None
        for page, path in candidates:
            if path == field:
                return page, path
        prefixes = [(page, p) for page, p in candidates if field.startswith(p + ".")]
        if prefixes:
            return max(prefixes, key=lambda c: len(c[1]))
        for page, path in candidates:
            if path.startswith(field + "."):
                return page, path
        return None, None

    def go_to_notice(self, notice: Notice) -> None:
        """Move to the page of a finding and put the cursor in its field."""
        page, path = self.locate(notice)
        if page is None:
            return
        for _step in range(len(self.pageIds())):
            if self.currentId() == page.page_id:
                break
            if page.page_id in self.visitedIds() and page.page_id != self.currentId():
                self.back()
            else:
                self.next()
        if path is not None and self.currentId() == page.page_id:
            page.focus_path(path)

    def possible_duplicates(self) -> list[JournalRow]:
        rows: dict[int, JournalRow] = {}
        ids: list[int | None] = [*self.record_ids] or [None]
        for record_id, app in zip(ids, self.applications(), strict=False):
            record = ActRecord(id=record_id, application=app, birth_group=self.birth_group)
            for row in self.records.possible_duplicates(record):
                if row.id not in self.record_ids:
                    rows[row.id] = row
        return list(rows.values())

    # --- drafts ---------------------------------------------------------------

    def save_draft(self) -> bool:
        """Store what is typed as draft(s); True when saved or nothing to save."""
        if not self.dirty:
            return True
        apps = self.applications()
        shown = self.checklist_page.ticked
        try:
            if not self.record_ids:
                if len(apps) > 1:
                    saved = self.records.save_births(apps, shown)
                else:
                    saved = [self.records.save_draft(apps[0], documents_shown=shown)]
                self.birth_group = saved[0].birth_group
            else:
                if len(apps) > 1 and self.birth_group is None:
                    self.birth_group = str(uuid.uuid4())
                group = self.birth_group if len(apps) > 1 else None
                saved = []
                for index, app in enumerate(apps):
                    record_id = self.record_ids[index] if index < len(self.record_ids) else None
                    saved.append(self.records.save_draft(app, record_id, group, shown))
                for extra in self.record_ids[len(apps) :]:
                    self.records.delete_draft(extra)
        except ServiceError as exc:
            dialogs.error(self, _("Draft"), exc.message(ui_language.code))
            return False
        self.record_ids = [r.id for r in saved if r.id is not None]
        self.dirty = False
        self.saved.emit()
        return True

    def load(self, records: list[ActRecord]) -> None:
        """Fill the wizard from draft records (one, or the siblings of one birth)."""
        records = sorted(
            records,
            key=lambda r: (
                r.application.child.multiple_birth.order
                if r.application.child.multiple_birth
                else 1
            ),
        )
        data = to_dict(records[0].application)
        self.loading = True
        self.scenario_page.set_code(data.get("scenario"))
        self.marriage_page.has_marriage.setChecked("marriage" in data)
        self.marriage_page.ended.setChecked(take(data, "marriage.ended") is not None)
        self.child_page.multiple.setChecked(take(data, "child.multiple_birth") is not None)
        self.arrange()
        for page in self.form_pages:
            for binding in page.bindings:
                value = take(data, binding.path)
                if value is not None:
                    binding.set(value)
            page.arrange()
        for row, record in zip(self.child_page.siblings.rows, records[1:], strict=False):
            child = record.application.child
            row[1].setText(child.given_name)
            row[2].setText(child.patronymic or "")
            row[3].set_code(child.sex.value)
        self.arrange()
        self.loading = False
        for page in self.form_pages:
            page.left = True
        self.record_ids = [r.id for r in records if r.id is not None]
        self.birth_group = records[0].birth_group
        if self.record_ids:
            self.checklist_page.restore(self.records.documents_shown(self.record_ids[0]))
        self.dirty = False
        self.refresh()

    def siblings_of(self, record: ActRecord) -> list[ActRecord]:
        """The draft and the other drafts of its multiple birth (п. 8)."""
        if not record.birth_group or record.application.child.birth_date is None:
            return [record]
        born = record.application.child.birth_date
        query = JournalQuery(
            text=record.application.child.surname, status="draft", date_from=born, date_to=born
        )
        found = [self.records.get(row.id) for row in self.records.journal(query, 0, 50)]
        group = [r for r in found if r.birth_group == record.birth_group]
        return group or [record]

    def open_record(self, record: ActRecord) -> None:
        self.load(self.siblings_of(record))

    def jump_to_review(self) -> None:
        """Walk forward to the review page (Register / Refuse on a selected draft)."""
        for _step in range(len(self.pageIds())):
            if self.currentId() == P_REVIEW:
                return
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                return

    # --- registration ---------------------------------------------------------

    def ensure_saved(self) -> bool:
        """Save even an untouched form: a refusal needs a record to refer to."""
        if not self.record_ids:
            self.dirty = True
        return self.save_draft()

    def register(self) -> bool:
        self.refresh()
        if any(n.is_error for n in self.notices):
            self.review_page.block(
                lambda lang: t(
                    lang,
                    "Registration is blocked: correct the errors listed below; each is also "
                    "shown next to its field.",
                )
            )
            return False
        acknowledged = self.review_page.notice_list.acknowledged()
        if any(n.rule not in acknowledged for n in self.notices):
            self.review_page.block(
                lambda lang: t(lang, "Tick each warning to confirm that you have checked it.")
            )
            return False
        if not self.save_draft():
            return False
        try:
            done = self.records.register_births(self.record_ids, sorted(acknowledged))
        except RegistrationBlocked as exc:
            self.review_page.block(blocked_text(exc))
            return False
        except ServiceError as exc:
            dialogs.error(self, _("Registration"), exc.message(ui_language.code))
            return False
        numbers = ", ".join(str(r.number) for r in done)
        day = done[0].record_date or self.today()
        dialogs.info(
            self.parentWidget() or self,
            _("Registered"),
            _("The birth is registered: act record No. {numbers} of {date}.").format(
                numbers=numbers, date=day.strftime("%d.%m.%Y")
            ),
        )
        self.registered.emit(done)
        return True

    def _custom_button(self, which: int) -> None:
        if which == QWizard.WizardButton.CustomButton1.value:
            self.refusal.start()

    # --- window -----------------------------------------------------------------

    def _page_changed(self, page_id: int) -> None:
        for visited in self.visitedIds():
            page = self.page(visited)
            if isinstance(page, FormPage) and visited != page_id:
                page.left = True
        self.button(QWizard.WizardButton.CustomButton1).setVisible(page_id == P_REVIEW)
        self.save_draft()
        self.refresh()
        page = self.currentPage()
        if isinstance(page, QWizardPage):
            page.setFocus()

    def done(self, result: int) -> None:
        """Closing the window keeps what was typed as a draft."""
        if result != QWizard.DialogCode.Accepted.value:
            self.save_draft()
        super().done(result)

    def _finished(self, _result: int) -> None:
        # Not in done(): a Register the checks refuse passes there too, and the
        # wizard stays open, still following the language.
        self._timer.stop()
        ui_language.unsubscribe(self._on_language)

    def _on_language(self, _code: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Registration of a birth"))
        translate_wizard_buttons(self)
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Register"))
        self.setButtonText(QWizard.WizardButton.CustomButton1, _("Refuse…"))
        for page in self.form_pages:
            page.retranslate()
        self.review_page.retranslate()
        if self.notices:
            self.refresh()
