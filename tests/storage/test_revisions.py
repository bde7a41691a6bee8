"""The schema revisions read from file names agree with Alembic's own graph.

Opening a database at the newest revision skips Alembic (start-up speed), so
the file names must tell the same story as the revisions inside the files.
"""

from __future__ import annotations

import itertools

from alembic.script import ScriptDirectory

from tirkeu.storage.db import alembic_config
from tirkeu.storage.dbfile import head_revision, known_revisions


def test_file_names_are_the_revisions_in_one_line() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    revisions = list(reversed(list(script.walk_revisions())))
    assert [r.revision for r in revisions] == known_revisions()
    assert head_revision() == script.get_current_head()
    for before, after in itertools.pairwise(revisions):
        assert after.down_revision == before.revision
        assert after.path is not None and after.path.rsplit("/", 1)[-1].startswith(after.revision)
