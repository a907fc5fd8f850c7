"""A signed-off report changed outside the program, with plain sqlite3.

The triggers refuse an ordinary UPDATE; whoever drops them (or fakes a reopen) and changes
the report is caught by the fingerprint: store.validate and `cchc validate` say the report
no longer matches what was signed (exit 1).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from cchc_desktop.cli import main
from cchc_desktop.store import Store, compute_fingerprint, short_fingerprint
from tests.conftest import make_seed_report
from tests.reliability.figures import record

SEED = "003_d8652e5c4f02bc4c"
TAMPERED = "không còn khớp với bản đã ký"


@pytest.fixture
def signed(db_path: Path) -> int:
    with Store.open(db_path) as store:
        report_id = make_seed_report(store, SEED)
        store.set_note(report_id, "SBN22_003", "Kế hoạch số 02/KH-STTTT")
        store.sign_off(report_id, "Trần Văn B", "GIÁM ĐỐC", date(2022, 9, 15))
    return report_id


def outside(db: Path) -> sqlite3.Connection:
    """The file opened the way someone would outside the program."""
    return sqlite3.connect(db, isolation_level=None)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE entries SET value = '999' WHERE report_id = :id AND code = 'SBN22_003'",
        "UPDATE entries SET note = 'sửa' WHERE report_id = :id",
        "DELETE FROM entries WHERE report_id = :id AND code = 'SBN22_003'",
        "INSERT INTO entries (report_id, code, value, note, updated_at)"
        " VALUES (:id, 'SBN22_099', '1', '', 'x')",
        "UPDATE reports SET agency = 'Sở khác' WHERE id = :id",
        "UPDATE reports SET fingerprint = 'abc' WHERE id = :id",
        "DELETE FROM reports WHERE id = :id",
    ],
)
def test_the_triggers_refuse_ordinary_changes(db_path: Path, signed: int, statement: str) -> None:
    conn = outside(db_path)
    with pytest.raises(sqlite3.DatabaseError, match="signed off"):
        conn.execute(statement, {"id": signed})
    conn.close()
    with Store.open(db_path) as store:
        assert not [p for p in store.validate(signed).problems if p.check_id == "dau-ky"]
    record("tampering attempts refused by the triggers", 1)


def _drop_triggers(conn: sqlite3.Connection) -> None:
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
        conn.execute(f"DROP TRIGGER {name}")


def _value(conn: sqlite3.Connection, rid: int) -> None:
    _drop_triggers(conn)
    conn.execute(
        "UPDATE entries SET value = '999' WHERE report_id = ? AND code = 'SBN22_003'", (rid,)
    )


def _note(conn: sqlite3.Connection, rid: int) -> None:
    _drop_triggers(conn)
    conn.execute(
        "UPDATE entries SET note = 'Đã sửa' WHERE report_id = ? AND code = 'SBN22_003'", (rid,)
    )


def _deleted(conn: sqlite3.Connection, rid: int) -> None:
    _drop_triggers(conn)
    conn.execute("DELETE FROM entries WHERE report_id = ? AND code = 'SBN22_003'", (rid,))


def _added(conn: sqlite3.Connection, rid: int) -> None:
    _drop_triggers(conn)
    conn.execute(
        "INSERT INTO entries (report_id, code, value, note, updated_at)"
        " VALUES (?, 'SBN22_099', '1', '', 'x')",
        (rid,),
    )


def _heading(conn: sqlite3.Connection, rid: int) -> None:
    _drop_triggers(conn)
    conn.execute("UPDATE reports SET report_no = '175/BC-STTTT' WHERE id = ?", (rid,))


def _signer(conn: sqlite3.Connection, rid: int) -> None:
    _drop_triggers(conn)
    conn.execute("UPDATE reports SET signer = 'Người khác' WHERE id = ?", (rid,))


def _fake_reopen(conn: sqlite3.Connection, rid: int) -> None:
    """No trigger dropped: back to draft (allowed: that is reopening), edit, signed again."""
    conn.execute("UPDATE reports SET status = 'draft' WHERE id = ?", (rid,))
    conn.execute(
        "UPDATE entries SET value = '30' WHERE report_id = ? AND code = 'SBN22_003'", (rid,)
    )
    conn.execute("UPDATE reports SET status = 'signed' WHERE id = ?", (rid,))


def _garbage(conn: sqlite3.Connection, rid: int) -> None:
    _drop_triggers(conn)
    conn.execute(
        "UPDATE entries SET value = 'mười' WHERE report_id = ? AND code = 'SBN22_003'", (rid,)
    )


TAMPERING: dict[str, Callable[[sqlite3.Connection, int], None]] = {
    "a value": _value,
    "a note": _note,
    "a deleted row": _deleted,
    "an added row": _added,
    "the heading": _heading,
    "the signer": _signer,
    "a faked reopen": _fake_reopen,
    "a value the program never writes": _garbage,
}


@pytest.mark.parametrize("how", list(TAMPERING))
def test_changes_behind_the_triggers_are_detected(
    db_path: Path, signed: int, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = outside(db_path)
    TAMPERING[how](conn, signed)
    conn.close()
    with Store.open(db_path) as store:
        report = store.report(signed)
        assert report.signed and not store.fingerprint_matches(report)
        problems = store.validate(signed).errors
        assert problems[0].check_id == "dau-ky" and TAMPERED in problems[0].message
    code = main(["validate", str(signed), "--db", str(db_path)])
    out, err = capsys.readouterr()
    assert code == 1 and TAMPERED in out and "Traceback" not in err
    code = main(["validate", str(signed), "--json", "--db", str(db_path)])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["errors"][0]["check"] == "dau-ky"
    record("tampered signed reports detected", 1)


def test_an_untouched_signed_report_validates_clean(
    db_path: Path, signed: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(signed), "--db", str(db_path)]) == 0
    assert TAMPERED not in capsys.readouterr().out


def test_recomputing_the_fingerprint_changes_the_printed_code(db_path: Path, signed: int) -> None:
    """The fingerprint is a checksum, not a secret: someone who also rewrites it passes
    validate, but the code printed on the signed paper no longer matches the file."""
    with Store.open(db_path) as store:
        printed = short_fingerprint(store.report(signed).fingerprint or "")
    conn = outside(db_path)
    _value(conn, signed)
    conn.close()
    with Store.open(db_path) as store:
        forged = compute_fingerprint(store.report(signed))
    assert short_fingerprint(forged) != printed


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_a_tampered_report_is_never_exported_as_signed(
    db_path: Path, signed: int, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"phu-luc.{kind}"
    assert main(["export", str(signed), f"--{kind}", str(out), "--db", str(db_path)]) == 0
    out.unlink()
    capsys.readouterr()
    conn = outside(db_path)
    _value(conn, signed)
    conn.close()
    code = main(["export", str(signed), f"--{kind}", str(out), "--db", str(db_path)])
    err = capsys.readouterr().err
    assert code == 1 and not out.exists() and "Traceback" not in err
    record("tampered reports refused by the exporters", 1)
