#!/usr/bin/env bash
# CI: build the frozen Tirkeu from scratch and prove it runs.
#
# A venv of its own (build/ci-venv: Tirkeu + PyInstaller, never the test venv),
# then installer/build.py: catalogs, PyInstaller, the frozen self-test offscreen
# (fails on any stderr output or a non-zero exit), sizes against the budget.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt's offscreen platform and the libraries PyInstaller copies into the folder.
packages=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0)
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] \
    && ! dpkg -s "${packages[@]}" >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${packages[@]}" >/dev/null
fi

started=$SECONDS
venv=build/ci-venv
rm -rf "$venv" build/pyinstaller dist/tirkeu
python3 -m venv "$venv"
"$venv/bin/pip" install -q -e . -r installer/requirements-build.txt
"$venv/bin/python" installer/build.py
echo "installer/ci.sh took $((SECONDS - started)) s"
