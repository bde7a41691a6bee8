"""Extract the messages of each gettext domain and merge them into the catalogs.

Run ``python translations/update.py`` after changing user-visible strings, then
translate the new entries in ``translations/{kk,ru,en}/LC_MESSAGES/<domain>.po``.
Each domain owns the sources of one layer (see ``tirkeu.i18n``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "desktop" / "tirkeu"
KEYWORDS = {
    "_": None,
    "N_": None,
    "t": (2,),
    "tn": (2, 3),
    "tr": (2,),
    # Service errors carry their msgid as the first argument.
    "ServiceError": None,
    "PermissionDenied": None,
    "NotFound": None,
    "Conflict": None,
}
DOMAINS: dict[str, list[Path]] = {
    "tirkeu": [PKG / "ui", PKG / "cli", PKG / "services", PKG / "storage", PKG / "labels.py"],
    "rules": [PKG / "domain"],
    "documents": [PKG / "documents"],
    "sync": [PKG / "sync"],
}
# Files whose messages belong to another layer's domain than their folder's.
MOVED = {PKG / "cli" / "validate.py": "rules"}
LANGS = ("kk", "ru", "en")


def _sources(domain: str) -> list[Path]:
    files = [
        p
        for d in DOMAINS[domain]
        for p in (sorted(d.rglob("*.py")) if d.is_dir() else [d])
        if "migrations" not in p.parts and MOVED.get(p, domain) == domain
    ]
    files += [p for p, dom in MOVED.items() if dom == domain]
    return files


def extract(domain: str) -> Catalog:
    catalog = Catalog(domain=domain, project="Tirkeu")
    for path in _sources(domain):
        rel = path.relative_to(ROOT)
        for lineno, message, comments, _context in _extract_file(path):
            catalog.add(message, None, [(str(rel), lineno)], auto_comments=comments)
    return catalog


def _extract_file(path: Path) -> list[tuple[int, str, list[str], str | None]]:
    from babel.messages.extract import extract

    with path.open("rb") as fh:
        return [
            (lineno, msg, comments, ctx)
            for lineno, msg, comments, ctx in extract("python", fh, keywords=KEYWORDS)
            if msg
        ]


def update(domain: str) -> None:
    """Add the new msgids of ``domain`` to its catalogs; keep every translated entry.

    Some msgids are not in ``_()`` calls the extractor can see (words looked up
    from tables and layout files), so an entry the extractor did not find is
    kept, and listed, rather than dropped.
    """
    template = extract(domain)
    for lang in LANGS:
        po = ROOT / "translations" / lang / "LC_MESSAGES" / f"{domain}.po"
        if po.exists():
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=lang, domain=domain)
        else:
            catalog = Catalog(locale=lang, domain=domain, project="Tirkeu")
        catalog.update(template, no_fuzzy_matching=True)
        kept = dict(catalog.obsolete)
        catalog.obsolete.clear()
        for msgid, message in kept.items():
            catalog[msgid] = message
        if kept and lang == LANGS[0]:
            print(f"{domain}: {len(kept)} entries not seen by extraction were kept")
        po.parent.mkdir(parents=True, exist_ok=True)
        with po.open("wb") as fh:
            write_po(fh, catalog, width=100, omit_header=False)


if __name__ == "__main__":
    for name in sys.argv[1:] or ["tirkeu"]:
        update(name)
