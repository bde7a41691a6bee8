"""Extract the messages of each gettext domain and merge them into the catalogs.

Run ``python translations/update.py [domain…]`` after changing user-visible
strings, then translate the new entries in
``translations/{kk,ru,en}/LC_MESSAGES/<domain>.po``.  Each domain owns the
sources of one layer (see ``tirkeu.i18n``).

Every msgid the program looks up must be visible to the extractor: in a
``_()``/``t()`` call, or marked with ``N_()`` where a table defines it, or a
caption or printed text of a blank layout (``resources/layouts/*.json``).  An
entry the extractor no longer sees is dropped from the catalog and listed, so
a stale translation never lingers and a table left unmarked is noticed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract as babel_extract
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "desktop" / "tirkeu"
LAYOUTS = ROOT / "resources" / "layouts"
KEYWORDS: dict[str, object] = {
    "_": None,
    "N_": None,
    "t": (2,),
    "tn": (2, 3),
    # Service errors carry their msgid as the first argument.
    "ServiceError": None,
    "PermissionDenied": None,
    "NotFound": None,
    "Conflict": None,
}
# ``tr`` and ``DocumentRefused`` look their msgid up in the documents catalog,
# wherever they are called from; they are only extracted for that domain.
DOCUMENT_KEYWORDS: dict[str, object] = {"tr": (2,), "DocumentRefused": None}
DOMAINS: dict[str, list[Path]] = {
    "tirkeu": [PKG / "ui", PKG / "cli", PKG / "services", PKG / "storage", PKG / "labels.py"],
    "rules": [PKG / "domain"],
    "documents": [PKG / "documents"],
    "sync": [PKG / "sync"],
}
# Files whose messages belong to another layer's domain than their folder's.
MOVED = {PKG / "cli" / "validate.py": "rules"}
LANGS = ("kk", "ru", "en")

Message = tuple[str, int, str, list[str]]  # file, line, msgid, comments


def _sources(domain: str) -> list[Path]:
    files = [
        p
        for d in DOMAINS[domain]
        for p in (sorted(d.rglob("*.py")) if d.is_dir() else [d])
        if "migrations" not in p.parts and MOVED.get(p, domain) == domain
    ]
    files += [p for p, dom in MOVED.items() if dom == domain]
    return files


def _python_messages(path: Path, keywords: dict[str, object]) -> Iterator[Message]:
    rel = str(path.relative_to(ROOT))
    with path.open("rb") as fh:
        for lineno, msg, comments, _context in babel_extract("python", fh, keywords=keywords):
            if msg and isinstance(msg, str):
                yield rel, lineno, msg, list(comments)


def _layout_messages(path: Path) -> Iterator[Message]:
    """Printed texts and field captions of a blank layout (documents catalog)."""
    rel = str(path.relative_to(ROOT))
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    raw = json.loads(text)
    texts: list[str] = [p["text"] for p in raw.get("printed", [])]
    texts += [f["caption"] for f in raw.get("fields", {}).values() if f.get("caption")]
    for msgid in texts:
        quoted = json.dumps(msgid, ensure_ascii=False)
        lineno = next((i for i, line in enumerate(lines, 1) if quoted in line), 0)
        yield rel, lineno, msgid, []


def messages(domain: str) -> Iterator[Message]:
    """Every msgid of ``domain`` with where it is written."""
    if domain != "documents":
        for path in _sources(domain):
            yield from _python_messages(path, KEYWORDS)
        return
    for path in _sources(domain):
        yield from _python_messages(path, KEYWORDS | DOCUMENT_KEYWORDS)
    # Other layers show words of the documents too (the reports window).
    for other in DOMAINS:
        if other != domain:
            for path in _sources(other):
                yield from _python_messages(path, DOCUMENT_KEYWORDS)
    for layout in sorted(LAYOUTS.glob("*.json")):
        yield from _layout_messages(layout)


def extract(domain: str) -> Catalog:
    catalog = Catalog(domain=domain, project="Tirkeu")
    for rel, lineno, msgid, comments in messages(domain):
        catalog.add(msgid, None, [(rel, lineno)], auto_comments=comments)
    return catalog


def update(domain: str) -> list[str]:
    """Merge the extracted msgids of ``domain`` into its catalogs; return the dropped ones."""
    template = extract(domain)
    dropped: list[str] = []
    for lang in LANGS:
        po = ROOT / "translations" / lang / "LC_MESSAGES" / f"{domain}.po"
        if po.exists():
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=lang, domain=domain)
        else:
            catalog = Catalog(locale=lang, domain=domain, project="Tirkeu")
        catalog.update(template, no_fuzzy_matching=True)
        if lang == LANGS[0]:
            dropped = sorted(str(msgid) for msgid in catalog.obsolete)
        po.parent.mkdir(parents=True, exist_ok=True)
        with po.open("wb") as fh:
            write_po(fh, catalog, width=100, omit_header=False, ignore_obsolete=True)
    return dropped


if __name__ == "__main__":
    for name in sys.argv[1:] or ["tirkeu"]:
        gone = update(name)
        print(f"{name}: {len(gone)} entries no longer in the sources were dropped")
        for msgid in gone:
            print(f"  - {msgid}")
