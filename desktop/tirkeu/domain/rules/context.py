"""What every rule sees: the application, the day of checking and the calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from tirkeu.domain.application import Application, Doc, FatherBasis, Person, Scenario
from tirkeu.domain.findings import Finding, Severity
from tirkeu.domain.workdays import WorkCalendar

# The days after the end of a marriage within which a child is presumed the
# former spouse's (п. 17, 23, 24).
PRESUMPTION_DAYS = 280
# A stillborn child (п. 7) and a found child (п. 15) are registered under their own
# paragraphs: the terms and age rules of other births (п. 5, 18, 19) do not apply.
OWN_PARAGRAPH = (Scenario.STILLBORN, Scenario.FOUND)
# Bases under which the father's data rest on no word of his (п. 26 2)).
WITHOUT_FATHERS_WORD = (FatherBasis.MOTHER_STATEMENT, FatherBasis.NONE)


def full_years(born: dt.date, on: dt.date) -> int:
    """Age in whole years on ``on``."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class Ctx:
    """One check of one application.

    What several rules ask (the birth date, the child's age, the people, the
    documents and the father's basis) is worked out once per check, into plain
    slots: the district checks every record of a bundle, about forty rules each.
    """

    __slots__ = (
        "_child_age",
        "_documents",
        "_people",
        "app",
        "basis",
        "birth",
        "calendar",
        "today",
    )

    def __init__(self, app: Application, today: dt.date, calendar: WorkCalendar) -> None:
        self.app = app
        self.today = today
        self.calendar = calendar
        birth = app.child.birth_date
        self.birth = birth
        self.basis: FatherBasis = app.father_basis
        self._child_age = None if birth is None else full_years(birth, app.received_on or today)
        self._people = self._each_person()
        self._documents = self._each_document()

    def error(self, rule: str, field: str, paragraph: int | None, **params: str | int) -> Finding:
        return Finding(Severity.ERROR, field, paragraph, rule, params)

    def warning(self, rule: str, field: str, paragraph: int | None, **params: str | int) -> Finding:
        return Finding(Severity.WARNING, field, paragraph, rule, params)

    @property
    def as_of(self) -> dt.date:
        """The day the application is judged at: its receipt, else today."""
        return self.app.received_on or self.today

    def child_age(self) -> int | None:
        """The child's age in whole years when the application was received."""
        return self._child_age

    def people(self) -> Iterator[tuple[str, Person]]:
        """Every person in the application with the dotted path of their data."""
        return iter(self._people)

    def documents(self) -> Iterator[tuple[str, Doc]]:
        """Every supporting document with its path (the birth evidence included)."""
        return iter(self._documents)

    def _each_person(self) -> list[tuple[str, Person]]:
        app = self.app
        people: list[tuple[str, Person]] = []
        if app.mother is not None:
            people.append(("mother", app.mother))
        if app.father is not None:
            people.append(("father", app.father))
        if app.applicant.person is not None:
            people.append(("applicant.person", app.applicant.person))
        return people

    def _each_document(self) -> list[tuple[str, Doc]]:
        app = self.app
        docs: list[tuple[str, Doc]] = []
        if app.birth_evidence is not None:
            ev = app.birth_evidence
            docs.append(("birth_evidence", Doc(ev.number, ev.date, ev.issuer)))
        applicant_document = app.applicant.authority_document
        if applicant_document is not None:
            docs.append(("applicant.authority_document", applicant_document))
        if app.husband_consent is not None:
            docs.append(("husband_consent", app.husband_consent))
        if app.mother_consent is not None:
            docs.append(("mother_consent", app.mother_consent))
        if app.late_registration_conclusion is not None:
            docs.append(("late_registration_conclusion", app.late_registration_conclusion))
        ended = app.marriage.ended if app.marriage is not None else None
        if ended is not None and ended.document is not None:
            docs.append(("marriage.ended.document", ended.document))
        if app.found_child is not None:
            docs.append(("found_child.protocol", app.found_child.protocol))
            docs.append(("found_child.medical_document", app.found_child.medical_document))
        if app.surrogacy is not None:
            docs.append(("surrogacy.contract", app.surrogacy.contract))
            if app.surrogacy.art_consent is not None:
                docs.append(("surrogacy.art_consent", app.surrogacy.art_consent))
        return docs

    def days_from_marriage_end_to_birth(self) -> int | None:
        """Days from the end of the marriage to the birth, when it ended on or before it."""
        marriage = self.app.marriage
        if marriage is None or marriage.ended is None or marriage.ended.date is None:
            return None
        if self.birth is None or marriage.ended.date > self.birth:
            return None
        return (self.birth - marriage.ended.date).days

    def former_spouse_presumed(self) -> bool:
        """Born within 280 days after the marriage ended (п. 24): the ex-husband is presumed."""
        days = self.days_from_marriage_end_to_birth()
        return days is not None and days <= PRESUMPTION_DAYS

    def mother_married_at_birth(self) -> bool:
        """The mother had a husband at the birth or was within 280 days of the marriage's end."""
        marriage = self.app.marriage
        if marriage is None or self.app.scenario is Scenario.UNMARRIED:
            return self.former_spouse_presumed()
        ended_long_ago = self.days_from_marriage_end_to_birth()
        return ended_long_ago is None or ended_long_ago <= PRESUMPTION_DAYS
