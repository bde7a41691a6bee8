"""Keys made once per session (RSA 2048 for speed), a fresh district per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tirkeu.sync import pki
from tirkeu.sync.district import checks
from tirkeu.sync.district.registry import District, open_district

from .helpers import KEY_SIZE, PASSWORD, World


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    directory = tmp_path_factory.mktemp("pki")
    demo = pki.make_demo_pki(directory, "A01", PASSWORD, KEY_SIZE)
    pki.add_office(demo, directory, "A02", PASSWORD, KEY_SIZE)
    pki.add_office(demo, directory, "A03", PASSWORD, KEY_SIZE)
    foreign_ca = pki.make_ca("Foreign CA", KEY_SIZE)
    return World(
        directory=directory,
        demo=demo,
        ca=pki.load_pkcs12(demo.ca_key, PASSWORD),
        district=pki.load_pkcs12(demo.district, PASSWORD),
        offices={
            code: pki.load_pkcs12(directory / f"office-{code}.p12", PASSWORD)
            for code in ("A01", "A02", "A03")
        },
        foreign=pki.issue(foreign_ca, "Akimat office A01", "A01", KEY_SIZE),
    )


@pytest.fixture(autouse=True)
def no_rules_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample records are minimal: the real rules engine is tested elsewhere."""
    monkeypatch.setattr(checks, "_rules_check", lambda: None)


@pytest.fixture
def district(world: World, tmp_path: Path) -> Iterator[District]:
    folder = tmp_path / "district"
    folder.mkdir()
    for name in ("district.p12", "ca.pem"):
        (folder / name).write_bytes((world.directory / name).read_bytes())
    d = open_district(folder, PASSWORD)
    for code in ("A01", "A02", "A03"):
        d.register_office(code, f"Akimat {code}", world.offices[code].certificate)
    yield d
    d.engine.dispose()
