"""Lists of people's names read in Kazakh alphabetical order (issue 8)."""

from __future__ import annotations

from pathlib import Path

from tirkeu.domain.names import kazakh_sort_key
from tirkeu.services.auth import Role, create_user
from tirkeu.services.stock import StockService
from tirkeu.services.workspace import Workspace


def test_the_staff_list_is_in_kazakh_order(demo_world: Path) -> None:
    ws = Workspace.open(demo_world / "akimat")
    try:
        head = ws.sign_in("head", "demo")
        with ws.db.session() as s:
            for n, name in enumerate(["Ілиясова Дана", "Әбенова Гүл", "Ыбыраев Ас", "Ахметов Ер"]):
                create_user(
                    s, username=f"u{n}", full_name=name, role=Role.REGISTRAR,
                    password="Secret-pass-12", by=None,
                )  # fmt: skip
        names = [member.full_name for member in StockService(ws, head).staff()]
    finally:
        ws.close()
    assert names == sorted(names, key=kazakh_sort_key)
    assert names.index("Ахметов Ер") < names.index("Әбенова Гүл")
    assert names.index("Ыбыраев Ас") < names.index("Ілиясова Дана")
