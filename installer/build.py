"""Build the frozen Tirkeu on this platform, prove it works, and report its size.

Steps: compile the gettext catalogs, run PyInstaller with ``tirkeu.spec``, run
the frozen ``tirkeu-cli --self-test`` offscreen (any stderr output or a
non-zero exit fails the build), then pack the folder and check the size budget.
Run it with the Python of a venv that has Tirkeu and PyInstaller installed::

    python installer/build.py
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import collect  # noqa: E402 - installer/collect.py, beside this script

REPO = HERE.parent
SPEC = REPO / "installer" / "tirkeu.spec"
BUDGET_MB = 80.0
SELF_TEST_TIMEOUT_S = 300


def compile_catalogs() -> None:
    from tirkeu.i18n import compile_all

    written = compile_all()
    print(f"compiled {len(written)} catalogs")


def run_pyinstaller(dist: Path, work: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level=WARN",
            f"--distpath={dist}",
            f"--workpath={work}",
            str(SPEC),
        ],
        cwd=REPO,
        check=True,
    )
    return dist / "tirkeu"


def console_exe(folder: Path) -> Path:
    return folder / ("tirkeu-cli.exe" if os.name == "nt" else "tirkeu-cli")


# Files the self-test does not read but a person's session does: checked by name.
REQUIRED = (
    "babel/global.dat",
    "babel/locale-data/root.dat",
    "babel/locale-data/kk.dat",
    "babel/locale-data/ru.dat",
    "babel/locale-data/en.dat",
    "holidays/locale/kk/LC_MESSAGES/KZ.mo",
)
QT_TRANSLATION = "qtbase_ru.qm"


def missing_files(folder: Path) -> list[str]:
    """Collected files absent from the built folder (empty when the build is whole)."""
    internal = folder / "_internal"
    datas = collect.resource_datas() + collect.translation_datas() + collect.migration_datas()
    expected = [f"{dest}/{Path(src).name}" for src, dest in datas] + list(REQUIRED)
    missing = [name for name in expected if not (internal / name).is_file()]
    if not any(internal.glob(f"PySide6/**/translations/{QT_TRANSLATION}")):
        missing.append(QT_TRANSLATION)
    return missing


def self_test(folder: Path) -> None:
    """Run the frozen self-test in a clean environment; raise on any fault it shows."""
    exe = console_exe(folder)
    with tempfile.TemporaryDirectory(prefix="tirkeu-frozen-") as home:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PYTHON", "VIRTUAL_ENV", "QT_"))
        }
        # A data folder of its own, so a build never touches a real office's data.
        env.update(QT_QPA_PLATFORM="offscreen", TIRKEU_DATA_DIR=str(Path(home) / "data"))
        result = subprocess.run(
            [str(exe), "--self-test"],
            cwd=home,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=SELF_TEST_TIMEOUT_S,
        )
    sys.stdout.write(result.stdout)
    if result.returncode != 0 or result.stderr.strip():
        sys.stderr.write(result.stderr)
        raise SystemExit(f"frozen self-test failed (exit {result.returncode})")
    print("frozen self-test passed")


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def pack(folder: Path) -> Path:
    """The folder as one archive: zip on Windows, tar.xz elsewhere.

    xz is LZMA2, the compression the Windows installer itself uses (tirkeu.iss), so
    the Linux figure is close to the size of what goes on the stick; gzip would
    make the same folder about 40% larger (82 MB against 59 MB with SQLCipher in).
    """
    from tirkeu import __version__

    system = platform.system().lower()
    base = folder.parent / f"tirkeu-{__version__}-{system}-{platform.machine().lower()}"
    fmt = "zip" if os.name == "nt" else "xztar"
    return Path(shutil.make_archive(str(base), fmt, folder.parent, folder.name))


def megabytes(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dist", type=Path, default=REPO / "dist", help="where the folder goes")
    p.add_argument(
        "--work",
        type=Path,
        default=REPO / "build" / "pyinstaller",
        help="PyInstaller's work folder",
    )
    p.add_argument("--no-build", action="store_true", help="test and measure an existing build")
    args = p.parse_args(argv)

    started = time.monotonic()
    folder = args.dist / "tirkeu"
    if not args.no_build:
        compile_catalogs()
        folder = run_pyinstaller(args.dist, args.work)
    missing = missing_files(folder)
    if missing:
        raise SystemExit("missing from the build: " + ", ".join(missing))
    self_test(folder)
    archive = pack(folder)
    size, packed = folder_size(folder), archive.stat().st_size
    print(f"folder {folder}: {megabytes(size)}")
    print(f"archive {archive.name}: {megabytes(packed)} (budget {BUDGET_MB:.0f} MB)")
    print(f"build took {time.monotonic() - started:.0f} s")
    if packed > BUDGET_MB * 1_000_000:
        print(f"over the size budget of {BUDGET_MB:.0f} MB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
