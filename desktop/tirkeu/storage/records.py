"""The act record repository: domain records in, domain records out.

The application's JSON is the record's content; the typed columns are derived
from it on every save so they can never disagree with it.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    and_,
    func,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.compiler import SQLCompiler

from tirkeu.domain.application import from_dict, to_dict
from tirkeu.domain.names import kazakh_order_key, letter_spellings, normalize_for_search
from tirkeu.domain.record import ActRecord, RecordStatus
from tirkeu.storage.models import ActRecordRow, NumberSequenceRow, OfficeRow, UserRow

_Stmt = TypeVar("_Stmt", bound="Select[*tuple[Any, ...]]")

# Between the two parts of a stored search key; below every character a name holds.
KEY_SEPARATOR = "\x01"
_KEY_END = "\U0010ffff"
_NO_SEPARATOR = str.maketrans("", "", "\x00" + KEY_SEPARATOR)


def name_prefix(text: str) -> str:
    """The folded form of a name a search compares (see ``normalize_for_search``)."""
    return normalize_for_search(text).translate(_NO_SEPARATOR)


def search_key(text: str) -> str:
    """The indexed search form of a name: its folded form, then its Kazakh order.

    The folded part makes Серік and Серик, Әлихан and Алихан one name for a
    prefix search on the index; the second part (``kazakh_order_key``) lists the
    names found as a Kazakh reader expects, А before Ә before Б.  No single
    string can do both: "ал" must find Алихан and Әлихан without Асан between
    them, yet Асан comes before Әлихан in the alphabet.
    """
    return name_prefix(text) + KEY_SEPARATOR + kazakh_order_key(text)


def same_name(text: str) -> ColumnElement[bool]:
    """Records of the same name as ``text``, however its Kazakh letters were typed."""
    key = name_prefix(text) + KEY_SEPARATOR
    return and_(ActRecordRow.search_name >= key, ActRecordRow.search_name < key + _KEY_END)


# The Kazakh-order part of the stored search key, written as migration 0006's
# expression index is, so SQLite can walk that index in this order.
KAZAKH_ORDER = "substr(search_name, instr(search_name, char(1)) + 1)"
# Up to this many matches a name search sorts them; beyond, it sorts the few its
# dates leave, or walks a Kazakh-order index and stops at the page's end (all
# stay within milliseconds).
SORT_AT_MOST = 3000
MAX_SPELLINGS = 64


# The journal's indexes (models.py; the two Kazakh-order ones are expression
# indexes of migrations 0006 and 0007), each named by the query that walks it.
KAZAKH_INDEX = "ix_act_records_kazakh_order"
STATUS_KAZAKH_INDEX = "ix_act_records_status_kazakh_order"
STATUS_NAME_INDEX = "ix_act_records_status_search_name"
BIRTH_INDEX = "ix_act_records_child_birth_date"
STATUS_BIRTH_INDEX = "ix_act_records_status_birth_date"
STATUS_INDEX = "ix_act_records_status"
NUMBER_INDEX = "ix_act_records_number"


# A name search's order: Kazakh, then the spelling, the birth date and the id,
# as the two Kazakh-order indexes hold them (a dense search walks their order).
NAME_ORDER: tuple[ColumnElement[Any] | InstrumentedAttribute[Any], ...] = (
    literal_column(KAZAKH_ORDER),
    ActRecordRow.search_name,
    ActRecordRow.child_birth_date,
    ActRecordRow.id,
)


def _order_char(char: str) -> str:
    """One character of a Kazakh-order key (a space between words stays a space)."""
    return char if char == " " else kazakh_order_key(char)


def _order_range(start: str) -> list[ColumnElement[bool]]:
    return [_kazakh_order() >= start, _kazakh_order() < start + _KEY_END]


def _kazakh_order() -> ColumnElement[str]:
    """The Kazakh-order part of the stored search key."""
    return literal_column(KAZAKH_ORDER)


def row_values(record: ActRecord) -> dict[str, Any]:
    """The column values of a record, all derived from its application."""
    app = record.application
    child, mother = app.child, app.mother
    return {
        "status": record.status.value,
        "scenario": app.scenario.value,
        "language": app.language.value,
        "received_on": app.received_on,
        "number": record.number,
        "record_date": record.record_date,
        "year": record.record_date.year if record.record_date and record.number else None,
        "birth_group": record.birth_group,
        "child_surname": child.surname,
        "child_given_name": child.given_name,
        "child_patronymic": child.patronymic,
        "child_sex": child.sex.value,
        "child_birth_date": child.birth_date,
        "child_iin": child.iin or None,
        "child_alive": child.alive,
        "birth_kato": child.birth_place.kato,
        "mother_name": mother.full_name if mother else None,
        "mother_iin": (mother.iin or None) if mother else None,
        "mother_birth_date": mother.birth_date if mother else None,
        "search_name": search_key(child.full_name),
        "application": to_dict(app),
        "acknowledged": list(record.findings_acknowledged),
        "refusal_reason": record.refusal_reason,
        "district_reason": record.district_reason,
    }


def _apply(row: ActRecordRow, record: ActRecord) -> None:
    for key, value in row_values(record).items():
        setattr(row, key, value)


def to_record(row: ActRecordRow, registrar: str | None = None) -> ActRecord:
    return ActRecord(
        id=row.id,
        application=from_dict(row.application),
        status=RecordStatus(row.status),
        number=row.number,
        record_date=row.record_date,
        registrar=registrar,
        birth_group=row.birth_group,
        refusal_reason=row.refusal_reason,
        district_reason=row.district_reason,
        findings_acknowledged=list(row.acknowledged or []),
    )


@dataclass(frozen=True)
class JournalRow:
    """What the journal shows of a record, without parsing its JSON."""

    id: int
    number: int | None
    year: int | None
    record_date: dt.date | None
    received_on: dt.date | None
    child: str
    birth_date: dt.date | None
    scenario: str
    status: str
    child_iin: str | None
    district_reason: str | None


@dataclass(frozen=True)
class JournalQuery:
    text: str = ""
    status: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


class RecordRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _next_change(self) -> int:
        current = self.session.scalar(select(func.max(ActRecordRow.change_seq)))
        return (current or 0) + 1

    def add(self, record: ActRecord, registrar_id: int | None = None) -> ActRecord:
        now = dt.datetime.now()
        row = ActRecordRow(created_at=now, updated_at=now, registrar_id=registrar_id)
        _apply(row, record)
        row.change_seq = self._next_change()
        self.session.add(row)
        self.session.flush()
        record.id = row.id
        return record

    def save(self, record: ActRecord, registrar_id: int | None = None) -> ActRecord:
        if record.id is None:
            return self.add(record, registrar_id)
        row = self.session.get_one(ActRecordRow, record.id)
        _apply(row, record)
        if registrar_id is not None:
            row.registrar_id = registrar_id
        row.updated_at = dt.datetime.now()
        row.change_seq = self._next_change()
        self.session.flush()
        return record

    def get(self, record_id: int) -> ActRecord | None:
        row = self.session.get(ActRecordRow, record_id)
        if row is None:
            return None
        registrar = (
            self.session.get_one(UserRow, row.registrar_id).full_name if row.registrar_id else None
        )
        return to_record(row, registrar)

    def delete_draft(self, record_id: int) -> None:
        row = self.session.get_one(ActRecordRow, record_id)
        if row.status != RecordStatus.DRAFT.value:
            raise ValueError("only drafts can be deleted")
        self.session.delete(row)

    def next_number(self, year: int) -> int:
        """Take the next act record number of ``year`` (the office's own sequence)."""
        seq = self.session.get(NumberSequenceRow, year)
        if seq is None:
            office = self.session.scalars(select(OfficeRow)).one()
            used = self.session.scalar(
                select(func.max(ActRecordRow.number)).where(ActRecordRow.year == year)
            )
            start = max(office.number_start, (used or 0) + 1)
            seq = NumberSequenceRow(year=year, next_number=start)
            self.session.add(seq)
        number = seq.next_number
        seq.next_number = number + 1
        self.session.flush()
        return number

    def set_status(self, record_ids: Sequence[int], status: RecordStatus) -> None:
        self.session.execute(
            update(ActRecordRow)
            .where(ActRecordRow.id.in_(record_ids))
            .values(status=status.value, updated_at=dt.datetime.now())
        )

    def journal(self, query: JournalQuery, offset: int = 0, limit: int = 200) -> list[JournalRow]:
        """One page of the journal, in two steps.

        The page's ids are found and ordered from an index alone (a name
        search sorts its matches by their Kazakh order, which is in the indexed
        key); only the page's own rows are then read from the table.  Read in
        one step, SQLite would carry every match's whole row through the sort.
        """
        ids = self._page_ids(query, offset, limit)
        if not ids:
            return []
        stmt = select(
            ActRecordRow.id,
            ActRecordRow.number,
            ActRecordRow.year,
            ActRecordRow.record_date,
            ActRecordRow.received_on,
            ActRecordRow.child_surname,
            ActRecordRow.child_given_name,
            ActRecordRow.child_patronymic,
            ActRecordRow.child_birth_date,
            ActRecordRow.scenario,
            ActRecordRow.status,
            ActRecordRow.child_iin,
            ActRecordRow.district_reason,
        ).where(ActRecordRow.id.in_(ids))
        rows = {
            r.id: JournalRow(
                id=r.id,
                number=r.number,
                year=r.year,
                record_date=r.record_date,
                received_on=r.received_on,
                child=" ".join(
                    p for p in (r.child_surname, r.child_given_name, r.child_patronymic) if p
                ),
                birth_date=r.child_birth_date,
                scenario=r.scenario,
                status=r.status,
                child_iin=r.child_iin,
                district_reason=r.district_reason,
            )
            for r in self.session.execute(stmt)
        }
        return [rows[i] for i in ids]

    def _page_ids(self, query: JournalQuery, offset: int, limit: int) -> list[int]:
        """The ids of one page, each filter combination along the index made for it.

        SQLite, with no statistics, would take any index that matches the status
        for the most selective one and read most of the table; so every query
        names its index (``INDEXED BY``) and the choice is made here.
        """
        index = self._index(query)
        if _is_name(query.text) and self._dense(query):
            narrow = self._narrow_dates(query)
            if narrow is not None:
                index = narrow
            else:
                walked = self._dense_page(query, offset, limit)
                if walked is not None:
                    return walked
        stmt = (
            select(ActRecordRow.id)
            .where(*self._clauses(query, index))
            .order_by(*self._order(query))
            .offset(offset)
            .limit(limit)
        )
        return list(self.session.scalars(_indexed_by(stmt, index)))

    def _dense(self, query: JournalQuery) -> bool:
        """Whether a name search (of a status) finds more records than it is quick to sort.

        Counting the matches reads the search index alone and stops early.
        """
        if not _is_name(query.text):
            return False
        name_only = JournalQuery(text=query.text, status=query.status)
        return self._more_than_sorted(name_only, self._index(name_only))

    def _narrow_dates(self, query: JournalQuery) -> str | None:
        """The date index, when the dates (and status) alone leave few records to sort.

        It is the status and birth date index, over every status when none is
        chosen (``_clauses``): it holds the name, so no table row is read.
        """
        if not (query.date_from or query.date_to):
            return None
        dates_only = replace(query, text="")
        index = STATUS_BIRTH_INDEX
        return None if self._more_than_sorted(dates_only, index) else index

    def _more_than_sorted(self, query: JournalQuery, index: str | None) -> bool:
        """Whether ``query`` finds more than SORT_AT_MOST records (it stops counting there)."""
        matches = select(ActRecordRow.id).where(*self._clauses(query, index))
        bounded = _indexed_by(matches, index).limit(SORT_AT_MOST + 1)
        found = self.session.scalar(select(func.count()).select_from(bounded.subquery()))
        return int(found or 0) > SORT_AT_MOST

    def _dense_page(self, query: JournalQuery, offset: int, limit: int) -> list[int] | None:
        """A page of a name search with many matches, without sorting them all.

        Every spelling the folded prefix stands for (ал: ал, әл…) is a range of
        the Kazakh-order index (of the status, when one is chosen); each range
        is read in order up to the page's end and the ranges merged.  The index
        holds the birth date too, so a date filter reads no table rows.
        ``None`` when the prefix has too many spellings.
        """
        spellings = self._spellings(name_prefix(query.text))
        if spellings is None:
            return None
        index = STATUS_KAZAKH_INDEX if query.status else KAZAKH_INDEX
        runs = []
        for start in spellings:
            stmt = (
                select(
                    _kazakh_order(),
                    ActRecordRow.search_name,
                    ActRecordRow.child_birth_date,
                    ActRecordRow.id,
                )
                .where(*_order_range(start), *self._clauses(query, index))
                .order_by(*NAME_ORDER)
                .limit(offset + limit)
            )
            found = self.session.execute(_indexed_by(stmt, index))
            # SQLite lists an unknown birth date first, as the earliest date does.
            runs.append([(order, name, born or dt.date.min, i) for order, name, born, i in found])
        merged = heapq.merge(*runs)
        return [key[-1] for key in itertools.islice(merged, offset, offset + limit)]

    def _spellings(self, folded: str) -> list[str] | None:
        """The Kazakh-order keys of the spellings of ``folded`` that some name starts with.

        Grown a letter at a time, keeping only spellings the index holds, so a
        long prefix costs a few probes, not every combination of its letters.
        """
        live = [""]
        for letter in folded:
            grown = [
                key + kazakh_order_key(c) or key + c
                for key in live
                for c in letter_spellings(letter)
            ]
            live = [key for key in grown if self._indexed(key)]
            if len(live) > MAX_SPELLINGS:
                return None
        return live

    def _indexed(self, start: str) -> bool:
        probe = _indexed_by(select(ActRecordRow.id).where(*_order_range(start)), KAZAKH_INDEX)
        probe = probe.limit(1)
        return self.session.scalar(probe) is not None

    def count(self, query: JournalQuery) -> int:
        """How many records match; along the same index as the first page.

        A name search counts on the status and name index, which holds the birth
        date: every match is an index entry, no table row is read.
        """
        index = self._index(query)
        if _is_name(query.text) and self._dense(query):
            index = self._narrow_dates(query) or index
        stmt = select(func.count(ActRecordRow.id)).where(*self._clauses(query, index))
        return int(self.session.scalar(_indexed_by(stmt, index)) or 0)

    @staticmethod
    def _index(query: JournalQuery) -> str | None:
        """The index that finds the matches of ``query`` (``None``: the IIN's own two).

        A name search takes the status and name index even without a status,
        over every status (``_clauses``): the index holds what the page's order
        and a date filter need, so no table row is read.
        """
        text = query.text.strip()
        dates = query.date_from is not None or query.date_to is not None
        if text.isdigit():
            return None if len(text) == 12 else NUMBER_INDEX
        if text:
            return STATUS_NAME_INDEX
        if query.status:
            return STATUS_BIRTH_INDEX if dates else STATUS_INDEX
        return BIRTH_INDEX if dates else None

    @staticmethod
    def _order(query: JournalQuery) -> list[ColumnElement[Any] | InstrumentedAttribute[Any]]:
        """Order along the index the filter uses, so LIMIT stops early at a million rows.

        A name search lists names in Kazakh alphabetical order (sorting only the
        names the prefix found), a date range newest birth first, anything else
        newest record first.
        """
        if _is_name(query.text):
            return list(NAME_ORDER)
        if query.date_from or query.date_to:
            return [ActRecordRow.child_birth_date.desc(), ActRecordRow.id.desc()]
        return [ActRecordRow.id.desc()]

    @staticmethod
    def _clauses(query: JournalQuery, index: str | None = None) -> list[ColumnElement[bool]]:
        """The filters of ``query``, written for the index the query walks.

        The IIN's search walks the two IIN indexes (an OR of both), which
        ``INDEXED BY`` cannot name; its status and dates are written ``+column``
        so SQLite finds no index for them.  On an index that starts with the
        status, a query without one covers every status, so SQLite can seek on.
        """
        text = query.text.strip()
        by_iin = text.isdigit() and len(text) == 12
        status = _unindexed(ActRecordRow.status) if by_iin else ActRecordRow.status
        birth = (
            _unindexed(ActRecordRow.child_birth_date) if by_iin else ActRecordRow.child_birth_date
        )
        clauses: list[ColumnElement[bool]] = []
        if by_iin:
            clauses.append(or_(ActRecordRow.child_iin == text, ActRecordRow.mother_iin == text))
        elif text.isdigit():
            clauses.append(ActRecordRow.number == int(text))
        elif text:
            key = name_prefix(text)
            # A range on the indexed column is a prefix search that uses the index.
            clauses.append(ActRecordRow.search_name >= key)
            clauses.append(ActRecordRow.search_name < key + _KEY_END)
        if query.status:
            clauses.append(status == query.status)
        elif index in (STATUS_NAME_INDEX, STATUS_KAZAKH_INDEX, STATUS_BIRTH_INDEX):
            clauses.append(ActRecordRow.status.in_([s.value for s in RecordStatus]))
        if query.date_from:
            clauses.append(birth >= query.date_from)
        if query.date_to:
            clauses.append(birth <= query.date_to)
        return clauses


def _is_name(text: str) -> bool:
    """Whether the journal's search text is a name (not an IIN nor a record number)."""
    stripped = text.strip()
    return bool(stripped) and not stripped.isdigit()


def _indexed_by(stmt: _Stmt, index: str | None) -> _Stmt:
    """``stmt`` made to walk ``index`` (SQLite's own choice when ``None``)."""
    if index is None:
        return stmt
    return stmt.with_hint(ActRecordRow, f"INDEXED BY {index}", "sqlite")


@compiles(Table, "sqlite")
def _table_with_hint(element: Table, compiler: SQLCompiler, **kw: Any) -> str:
    """A table followed by its ``with_hint`` text, which SQLAlchemy drops for SQLite."""
    sql = compiler.visit_table(element, **kw)
    hints = kw.get("fromhints") or {}
    if element in hints and not kw.get("ashint"):
        sql += " " + hints[element]
    return sql


def _unindexed(column: InstrumentedAttribute[Any]) -> ColumnElement[Any]:
    """``+column``: the same value, but no index of SQLite's serves a comparison with it."""
    return literal_column(f"+{ActRecordRow.__tablename__}.{column.key}", column.type)
