"""The district loads its verifier, rules and calendar before its first bundle."""

import json
import subprocess
import sys

CODE = """
import json, sys
from tirkeu.sync.district.intake import prepare
from tirkeu.domain import workdays
wanted = {"pyhanko_certvalidator", "tirkeu.domain.rules"}
before = sorted(wanted & set(sys.modules))
prepare()
after = sorted(wanted & set(sys.modules))
print(json.dumps([before, after, workdays.default_calendar.cache_info().currsize]))
"""


def test_prepare_loads_what_every_import_needs() -> None:
    # A fresh interpreter: the test session has loaded everything long ago.
    out = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    before, after, calendars = json.loads(out)
    assert before == []
    assert after == ["pyhanko_certvalidator", "tirkeu.domain.rules"]
    assert calendars == 1
