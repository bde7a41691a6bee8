"""The documents Tirkeu prints for a record, as the command line names them.

Kept apart from ``services.printing`` so that menus can list them without
loading reportlab.
"""

from __future__ import annotations

from enum import StrEnum


class Document(StrEnum):
    CERTIFICATE = "certificate"
    REPEAT_CERTIFICATE = "repeat-certificate"
    STILLBIRTH_SPRAVKA = "stillbirth-spravka"
    ACT_RECORD = "act-record"
    REFUSAL = "refusal"
