"""A read-only, full, locked or corrupt database file; a broken or hand-edited one.

Each gives a clear Vietnamese message (StoreError in the store; exit 2 and the message on
stderr in the command line), never a traceback; what can still be read stays readable; and
nothing already saved is damaged. An environment failure is told to the user; a bug is
logged with its details in paths.log_path().
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_desktop import paths
from cchc_desktop.cli import main
from cchc_desktop.store import READONLY_MESSAGE, Store, StoreError
from tests.conftest import FIXTURES, make_seed_report
from tests.reliability.conftest import read_only
from tests.reliability.figures import record

SEED = "003_d8652e5c4f02bc4c"
DISK_FULL = "Ổ đĩa đã đầy"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_cli(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def integrity(db: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def filled_db(db: Path) -> int:
    with Store.open(db) as store:
        return make_seed_report(store, SEED)


# -- read-only ---------------------------------------------------------------------------------


def test_read_only_file_opens_for_reading(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report_id = filled_db(db_path)
    before = digest(db_path)
    with read_only(db_path):
        with Store.open(db_path) as store:
            assert store.readonly
            assert [s.id for s in store.reports()] == [report_id]
            assert store.report(report_id).entries
            store.validate(report_id)
            with pytest.raises(StoreError) as caught:
                store.set_value(report_id, "SBN22_003", "1")
            assert str(caught.value) == READONLY_MESSAGE
        db = ["--db", str(db_path)]
        assert run_cli("list", *db, capsys=capsys)[0] == 0
        code, out, _ = run_cli("show", str(report_id), "--json", *db, capsys=capsys)
        assert code == 0 and '"status": "draft"' in out
        code, _, err = run_cli("set", str(report_id), "SBN22_003", "1", *db, capsys=capsys)
        assert code == 2 and "chỉ đọc" in err
        sent = db_path.parent / "gui-di.xlsx"
        assert run_cli("export", str(report_id), "--xlsx", str(sent), *db, capsys=capsys)[0] == 0
        assert sent.stat().st_size > 0
    assert digest(db_path) == before
    record("files opened read-only (refused writes, kept reading)", 1)


def test_read_only_folder_and_file_still_read(tmp_path: Path) -> None:
    """A write-protected stick: SQLite cannot even create its -shm file there."""
    folder = tmp_path / "usb"
    folder.mkdir()
    db = folder / "cchc.sqlite3"
    report_id = filled_db(db)
    with read_only(db, folder), Store.open(db) as store:
        assert store.readonly
        assert store.report(report_id).agency == "Sở Thông tin và Truyền thông"
        with pytest.raises(StoreError, match="chỉ đọc"):
            store.save_agency("Sở Nội vụ")
    assert sorted(p.name for p in folder.iterdir()) == ["cchc.sqlite3"]


def test_old_file_on_read_only_media_is_read_without_upgrading(tmp_path: Path) -> None:
    db = tmp_path / "v1.sqlite3"
    shutil.copyfile(FIXTURES / "db" / "v1.sqlite3", db)
    before = digest(db)
    with read_only(db), Store.open(db) as store:
        assert store.readonly and len(store.reports()) == 7
    assert digest(db) == before


# -- disk full ---------------------------------------------------------------------------------


def pin_size(store: Store) -> None:
    """Simulate a full disk: the file may not grow by a single page."""
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")


def test_full_disk_refuses_the_edit_and_keeps_everything(db_path: Path) -> None:
    report_id = filled_db(db_path)
    with Store.open(db_path) as store:
        before = store.report(report_id).entries
        history = store.history(report_id)
        pin_size(store)
        big = "Kế hoạch số 02/KH-STTTT. " * 4000  # 100 KB
        with pytest.raises(StoreError, match=DISK_FULL):
            store.set_note(report_id, "SBN22_003", big)
        with pytest.raises(StoreError, match=DISK_FULL):
            store.set_many(report_id, [(f"SBN22_{n:03d}", "1", big) for n in (3, 4, 5)])
        with pytest.raises(StoreError, match=DISK_FULL):
            store.import_catalogue(
                FIXTURES.parent.parent / "resources" / "catalogues" / "co-quan-tw-2021.json"
            )
        assert store.report(report_id).entries == before
        assert store.history(report_id) == history
    assert integrity(db_path) == [("ok",)]
    with Store.open(db_path) as store:  # room again: the edit goes through
        store.set_note(report_id, "SBN22_003", big)
        assert store.report(report_id).note("SBN22_003") == big
    record("full-disk writes refused without damage", 3)


def test_full_disk_in_the_command_line(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    report_id = filled_db(db_path)
    real_open = Store.open.__func__  # type: ignore[attr-defined]

    def open_on_a_full_disk(cls: type[Store], path: object, **kwargs: object) -> Store:
        store = real_open(cls, path, **kwargs)
        pin_size(store)
        return store

    monkeypatch.setattr(Store, "open", classmethod(open_on_a_full_disk))
    code, _, err = run_cli(
        "set",
        str(report_id),
        "SBN22_003",
        "9",
        "--note",
        "x" * 100_000,
        "--db",
        str(db_path),
        capsys=capsys,
    )
    assert code == 2 and DISK_FULL in err
    monkeypatch.undo()
    with Store.open(db_path) as store:
        assert store.report(report_id).entries["SBN22_003"].value != "9"
    assert not paths.log_path().exists()  # the environment failed: nothing to log


# -- corrupt files -----------------------------------------------------------------------------


def test_random_bytes_are_not_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cchc.sqlite3"
    db.write_bytes(os.urandom(64 * 1024))
    before = digest(db)
    with pytest.raises(StoreError, match="bị hỏng hoặc không phải tệp của CCHC Desktop"):
        Store.open(db)
    code, _, err = run_cli("list", "--db", str(db), capsys=capsys)
    assert code == 2 and "bị hỏng" in err
    assert digest(db) == before
    record("corrupt database files refused with a message", 1)


@pytest.mark.parametrize("damage", ["truncated", "pages overwritten", "header zeroed"])
def test_damaged_database_gives_a_message_never_a_traceback(
    tmp_path: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cchc.sqlite3"
    shutil.copyfile(FIXTURES / "db" / "v2.sqlite3", db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")  # as every file the program has written
    conn.close()
    data = bytearray(db.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "pages overwritten":
        for offset in range(4096 * 20, 4096 * 60, 4096):
            data[offset : offset + 64] = b"\xff" * 64
    else:
        data[:100] = bytes(100)
    db.write_bytes(bytes(data))
    before = digest(db)
    db_args = ["--db", str(db)]
    codes = [run_cli("list", *db_args, capsys=capsys)[0]]
    for report_id in range(1, 8):
        code, _, err = run_cli("show", str(report_id), *db_args, capsys=capsys)
        codes.append(code)
        if code != 0:
            assert "hỏng" in err
    assert set(codes) <= {0, 2} and 2 in codes
    assert not paths.log_path().exists()  # a damaged file is the environment, not a bug
    assert digest(db) == before
    record("corrupt database files refused with a message", 1)


# -- hand-edited content -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "garbage"),
    [("SBN22_003", "abc"), ("SBN22_003", "1e999999999"), ("SBN22_016", "7"), ("SBN22_003", "")],
)
def test_a_value_the_program_never_writes_is_kept_and_marked(
    db_path: Path, code: str, garbage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    report_id = filled_db(db_path)
    raw = sqlite3.connect(db_path)
    with raw:
        raw.execute(
            "UPDATE entries SET value = ? WHERE report_id = ? AND code = ?",
            (garbage, report_id, code),
        )
    raw.close()
    with Store.open(db_path) as store:
        report = store.report(report_id)
        assert report.entries[code].value is None and report.entries[code].pending == garbage
        errors = store.validate(report_id).errors
        assert any(code in p.codes for p in errors)
        store.set_value(report_id, "SBN22_004", "3")  # the rest of the report still works
    code_show, out, _ = run_cli("show", str(report_id), "--db", str(db_path), capsys=capsys)
    assert code_show == 0 and "Sở Thông tin" in out
    assert run_cli("validate", str(report_id), "--db", str(db_path), capsys=capsys)[0] == 1


# -- environment or bug ------------------------------------------------------------------------


def test_a_bug_is_logged_with_details(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    filled_db(db_path)

    def broken(self: Store, text: str = "") -> list[object]:
        raise KeyError("a bug in the report list")

    monkeypatch.setattr(Store, "reports", broken)
    code, _, err = run_cli("list", "--db", str(db_path), capsys=capsys)
    assert code == 2 and "Lỗi không mong đợi (KeyError)" in err and str(paths.log_path()) in err
    log = paths.log_path().read_text(encoding="utf-8")
    assert "Traceback" in log and "a bug in the report list" in log


def test_an_sqlite_error_that_is_not_the_environment_is_logged(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    filled_db(db_path)

    def broken(self: Store, text: str = "") -> list[object]:
        self.conn.execute("SELECT no_such_column FROM reports")
        return []

    monkeypatch.setattr(Store, "reports", broken)
    code, _, err = run_cli("list", "--db", str(db_path), capsys=capsys)
    assert code == 2 and "Chi tiết đã ghi vào" in err
    assert "no_such_column" in paths.log_path().read_text(encoding="utf-8")


def test_environment_failures_are_not_logged_as_bugs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing_folder = tmp_path / "khong-co" / "cchc.sqlite3"
    assert run_cli("list", "--db", str(missing_folder), capsys=capsys)[0] == 0  # created
    garbage = tmp_path / "rac.sqlite3"
    garbage.write_bytes(b"SQLite format 3\x00" + os.urandom(5000))
    assert run_cli("list", "--db", str(garbage), capsys=capsys)[0] == 2
    assert not paths.log_path().exists()


def test_the_console_script_prints_no_traceback(tmp_path: Path) -> None:
    db = tmp_path / "cchc.sqlite3"
    db.write_bytes(os.urandom(10_000))
    env = {**os.environ, "CCHC_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "cchc_desktop", "list", "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "bị hỏng" in done.stderr
