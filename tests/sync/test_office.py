from __future__ import annotations

from pathlib import Path

import pytest

from tirkeu.sync.ack import Outcome
from tirkeu.sync.district.intake import ImportStatus, import_files
from tirkeu.sync.district.registry import District
from tirkeu.sync.errors import BundleError, ErrorCode
from tirkeu.sync.office import export_bundle, read_ack_file
from tirkeu.sync.selfcheck import bundle_round_trip
from tirkeu.sync.transport import list_bundles

from .helpers import CREATED, World, make_record


def test_office_exports_and_reads_the_ack(world: World, district: District, tmp_path: Path) -> None:
    refused = make_record(3)
    refused.refusal_reason = "п. 14: no medical certificate or court decision"
    exported = export_bundle(
        tmp_path / "usb",
        office="A01",
        sequence=1,
        records=[make_record(1), make_record(2, given_name="Мирас")],
        refusals=[refused],
        other_parts={"blanks.json": [{"series": "AA", "number": "0000017", "state": "spoiled"}]},
        signer=world.signer("A01"),
        district_certificate=world.district.certificate,
        now=CREATED,
    )
    assert exported.path.name == "TIRKEU-A01-000001.tkb" and exported.record_ids == [1, 2]
    (result,) = import_files(district, list_bundles(tmp_path / "usb"), tmp_path / "acks")
    assert result.status is ImportStatus.IMPORTED and result.ack_path is not None
    ack = read_ack_file(
        result.ack_path,
        office="A01",
        office_keys=world.offices["A01"],
        trust_roots=[world.ca.certificate],
        district_certificate=world.district.certificate,
    )
    assert ack.bundle_sha256 == exported.sha256
    assert [(r.local_id, r.outcome) for r in ack.results] == [
        (1, Outcome.ACCEPTED),
        (2, Outcome.ACCEPTED),
    ]
    with pytest.raises(BundleError) as excinfo:  # an office cannot pass off its own ack
        read_ack_file(
            result.ack_path,
            office="A01",
            office_keys=world.offices["A01"],
            trust_roots=[world.ca.certificate],
            district_certificate=world.offices["A02"].certificate,
        )
    assert excinfo.value.code is ErrorCode.SIGNER_UNKNOWN


def test_self_check_round_trip() -> None:
    assert bundle_round_trip()
