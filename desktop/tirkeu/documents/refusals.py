"""Why a document may not be printed for a record, and the checks that say so.

The services catch :class:`DocumentRefused` and show its message in the screen's
language; the exception keeps the message id so it can be re-translated.
"""

from __future__ import annotations

from tirkeu.documents.text import paragraph_ref, tr
from tirkeu.domain.record import ActRecord


class DocumentRefused(ValueError):
    """A document cannot lawfully be printed; the message cites Order 429."""

    def __init__(self, msgid: str, paragraph: int, lang: str = "en", **values: object) -> None:
        self.msgid = msgid
        self.paragraph = paragraph
        self.values = values
        super().__init__(self.message(lang))

    def message(self, lang: str) -> str:
        """The reason in ``lang``, ending with the paragraph it rests on."""
        return f"{tr(lang, self.msgid, **self.values)} ({paragraph_ref(lang, self.paragraph)})"


def is_valid_iin(iin: str | None) -> bool:
    """Twelve digits with a correct check digit (weights 1..11, then 3..11,1,2; mod 11)."""
    if iin is None or len(iin) != 12 or not iin.isascii() or not iin.isdigit():
        return False
    digits = [int(c) for c in iin]
    check = sum(w * d for w, d in zip(range(1, 12), digits[:11], strict=True)) % 11
    if check == 10:
        weights = [*range(3, 12), 1, 2]
        check = sum(w * d for w, d in zip(weights, digits[:11], strict=True)) % 11
        if check == 10:
            return False
    return check == digits[11]


def require_registered(record: ActRecord, lang: str) -> None:
    """Documents are drawn up from a registered act record only (п. 35)."""
    if not record.is_registered or record.record_date is None:
        raise DocumentRefused(
            "The birth is not registered: the act record has no number yet", 35, lang
        )


def is_stillborn(record: ActRecord) -> bool:
    app = record.application
    return not app.child.alive or app.scenario == "stillborn"
