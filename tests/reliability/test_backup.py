"""Rotating backups and restoring them, through the API and the command line."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cchc_desktop import backup, migrations, paths, sessions
from cchc_desktop.backup import BackupError
from cchc_desktop.cli import main
from cchc_desktop.store import Store
from tests.conftest import FIXTURES, make_seed_report
from tests.reliability.conftest import Window, read_only
from tests.reliability.figures import record

SEED = "003_d8652e5c4f02bc4c"
MORNING = datetime(2024, 3, 12, 8, 0, 0)


def cli(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def value(db: Path, report_id: int, code: str = "SBN22_003") -> str | None:
    with Store.open(db) as store:
        return store.report(report_id).entries[code].value


def set_value(db: Path, report_id: int, text: str, code: str = "SBN22_003") -> None:
    with Store.open(db) as store:
        store.set_value(report_id, code, text)


@pytest.fixture
def report_id(db_path: Path) -> int:
    with Store.open(db_path) as store:
        return make_seed_report(store, SEED)


def damage(path: Path) -> None:
    """Overwrite the middle pages of a database file."""
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 3, len(data) - 4096, 4096):
        data[offset : offset + 200] = os.urandom(200)
    path.write_bytes(bytes(data))


def test_backup_is_a_checked_self_contained_copy(db_path: Path, report_id: int) -> None:
    made = backup.make_backup(db_path)
    assert made.path.parent == paths.backups_dir(db_path) and made.kind == backup.MANUAL
    assert backup.content_digest(made.path) == backup.content_digest(db_path)
    assert sorted(p.name for p in made.path.parent.iterdir()) == [made.path.name]  # no -wal
    conn = sqlite3.connect(made.path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()
    assert "sao lưu theo yêu cầu" in made.label and "ngày" in made.label


def test_rotation_keeps_the_newest_n(db_path: Path, report_id: int) -> None:
    made = []
    for n in range(13):
        set_value(db_path, report_id, str(100 + n))
        made.append(backup.make_backup(db_path, keep=10, now=MORNING + timedelta(hours=n)))
    kept = backup.list_backups(db_path)
    assert [b.path for b in kept] == [b.path for b in reversed(made[3:])]
    assert not made[0].path.exists() and not made[2].path.exists()
    assert backup.latest_backup(db_path) == kept[0]
    record("backups rotated away (keep 10)", 3)


def test_at_most_one_automatic_backup_a_day(db_path: Path, report_id: int) -> None:
    first = backup.backup_on_start(db_path, now=MORNING)
    assert first is not None and first.kind == backup.AUTO
    set_value(db_path, report_id, "101")
    assert backup.backup_on_start(db_path, now=MORNING + timedelta(hours=9)) is None
    next_day = backup.backup_on_start(db_path, now=MORNING + timedelta(days=1))
    assert next_day is not None
    # Nothing changed since: no new copy pushes an older, different one out.
    assert backup.backup_on_start(db_path, now=MORNING + timedelta(days=2)) is None
    assert [b.path for b in backup.list_backups(db_path)] == [next_day.path, first.path]
    assert backup.backup_on_start(db_path.with_name("chua-co.sqlite3")) is None


def test_automatic_backups_rotate_too(db_path: Path, report_id: int) -> None:
    for day in range(12):
        set_value(db_path, report_id, str(200 + day))
        assert backup.backup_on_start(db_path, keep=4, now=MORNING + timedelta(days=day))
    assert len(backup.list_backups(db_path)) == 4


def test_an_upgrade_is_always_backed_up_first(tmp_path: Path) -> None:
    db = tmp_path / "cchc.sqlite3"
    shutil.copyfile(FIXTURES / "db" / "v1.sqlite3", db)
    assert backup.backup_on_start(db, now=MORNING) is not None
    assert backup.backup_on_start(db, now=MORNING + timedelta(hours=1)) is not None  # still v1
    Store.open(db).close()  # the upgrade
    assert backup.backup_on_start(db, now=MORNING + timedelta(hours=2)) is None
    oldest = backup.list_backups(db)[-1]
    conn = sqlite3.connect(oldest.path)
    assert migrations.current_version(conn) == 1
    conn.close()


def test_restore_brings_the_data_back_and_keeps_what_it_replaced(
    db_path: Path, report_id: int
) -> None:
    set_value(db_path, report_id, "21")
    good = backup.make_backup(db_path)
    set_value(db_path, report_id, "999")
    safety = backup.restore(db_path, good.path)
    assert value(db_path, report_id) == "21"
    assert safety is not None and safety.kind == backup.PRE_RESTORE
    with Store.open(safety.path, readonly=True) as before:
        assert before.report(report_id).entries["SBN22_003"].value == "999"
    assert good.path.exists()  # the backup restored from stays in the list
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    record("restores done and checked", 1)


def test_restore_of_a_corrupted_backup_is_refused(db_path: Path, report_id: int) -> None:
    bad = backup.make_backup(db_path)
    damage(bad.path)
    set_value(db_path, report_id, "77")
    listed = backup.list_backups(db_path)
    before = backup.content_digest(db_path)
    with pytest.raises(BackupError, match="bị hỏng"):
        backup.restore(db_path, bad.path)
    with pytest.raises(BackupError, match="bị hỏng"):
        backup.verify_backup(bad.path)
    assert backup.content_digest(db_path) == before
    assert backup.list_backups(db_path) == listed  # no pre-restore copy for nothing
    assert value(db_path, report_id) == "77"
    record("corrupt backups refused", 1)


@pytest.mark.parametrize("kind", ["random bytes", "empty", "another sqlite file"])
def test_restore_refuses_files_that_are_not_our_backups(
    db_path: Path, report_id: int, tmp_path: Path, kind: str
) -> None:
    other = tmp_path / "la.sqlite3"
    if kind == "random bytes":
        other.write_bytes(os.urandom(20_000))
    elif kind == "empty":
        other.write_bytes(b"")
    else:
        conn = sqlite3.connect(other)
        conn.execute("CREATE TABLE t (x)")
        conn.execute("PRAGMA user_version = 1")
        conn.close()
    before = backup.content_digest(db_path)
    with pytest.raises(BackupError):
        backup.restore(db_path, other)
    assert backup.content_digest(db_path) == before
    record("corrupt backups refused", 1)


def test_restore_of_a_backup_from_a_newer_program_is_refused(
    db_path: Path, report_id: int, tmp_path: Path
) -> None:
    newer = tmp_path / "moi.sqlite3"
    shutil.copyfile(backup.make_backup(db_path).path, newer)
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    conn.close()
    with pytest.raises(BackupError, match="mới hơn"):
        backup.restore(db_path, newer)


def test_restoring_an_old_backup_upgrades_it(db_path: Path, report_id: int) -> None:
    old = FIXTURES / "db" / "v1.sqlite3"
    backup.restore(db_path, old)
    with Store.open(db_path) as store:
        assert migrations.current_version(store.conn) == migrations.latest_version()
        assert len(store.reports()) == 7
        assert sessions.sessions(store) == []


def test_restore_when_the_current_file_is_destroyed(db_path: Path, report_id: int) -> None:
    good = backup.make_backup(db_path)
    db_path.write_bytes(os.urandom(50_000))
    wrecked = db_path.read_bytes()
    with pytest.raises(BackupError, match="bị hỏng"):  # no backup of a wreck
        backup.make_backup(db_path)
    assert backup.list_backups(db_path) == [good]
    safety = backup.restore(db_path, good.path)
    assert safety is not None and safety.path.read_bytes() == wrecked  # kept as it was
    assert value(db_path, report_id) is not None
    record("restores done and checked", 1)


def test_restore_while_another_connection_is_open_is_atomic(db_path: Path, report_id: int) -> None:
    set_value(db_path, report_id, "21")
    good = backup.make_backup(db_path)
    set_value(db_path, report_id, "999")
    reader = Store.open(db_path)  # e.g. the command line, mid-way through
    backup.restore(db_path, good.path, force=True)
    assert reader.report(report_id).entries["SBN22_003"].value == "21"
    reader.close()


def test_restore_is_refused_while_a_window_has_the_file_open(db_path: Path, report_id: int) -> None:
    good = backup.make_backup(db_path)
    window = Window(db_path, report_id)
    try:
        window.send("claim")
        assert window.answer() == "claimed"
        with pytest.raises(BackupError, match="đang được mở để sửa ở nơi khác"):
            backup.restore(db_path, good.path)
        backup.restore(db_path, good.path, force=True)
    finally:
        window.close()


def test_a_damaged_database_never_pushes_good_backups_out(db_path: Path, report_id: int) -> None:
    good = [backup.make_backup(db_path, keep=3, now=MORNING + timedelta(hours=n)) for n in range(3)]
    damage(db_path)
    with pytest.raises(BackupError, match="bị hỏng"):
        backup.make_backup(db_path, keep=3, now=MORNING + timedelta(days=1))
    with pytest.raises(BackupError, match="bị hỏng"):
        backup.backup_on_start(db_path, keep=3, now=MORNING + timedelta(days=2))
    assert [b.path for b in backup.list_backups(db_path)] == [b.path for b in reversed(good)]
    assert [p.name for p in paths.backups_dir(db_path).glob(".*")] == []


def test_full_disk_during_a_backup(
    db_path: Path, report_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = backup.make_backup(db_path)

    def no_space(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup.os, "replace", no_space)
    with pytest.raises(BackupError, match="Ổ đĩa đã đầy"):
        backup.make_backup(db_path)
    monkeypatch.undo()
    assert backup.list_backups(db_path) == [earlier]
    assert [p.name for p in paths.backups_dir(db_path).glob(".*")] == []


def test_leftovers_of_an_interrupted_backup_are_cleaned(db_path: Path, report_id: int) -> None:
    folder = paths.backups_dir(db_path)
    folder.mkdir()
    (folder / ".cchc-20240312-080000-auto.sqlite3.tmp").write_bytes(b"half")
    backup.make_backup(db_path)
    assert [p.name for p in folder.glob(".*")] == []


def test_backup_and_restore_from_the_command_line(
    db_path: Path, report_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(db_path)]
    set_value(db_path, report_id, "21")
    code, out, _ = cli("backup", *db, capsys=capsys)
    made = Path(out.strip())
    assert code == 0 and made.is_file() and made.parent == paths.backups_dir(db_path)
    code, out, _ = cli("backup", "--list", *db, capsys=capsys)
    assert code == 0 and str(made) in out and "sao lưu theo yêu cầu" in out
    set_value(db_path, report_id, "999")
    code, out, _ = cli("restore", "--latest", *db, capsys=capsys)
    assert code == 0 and "Đã khôi phục" in out and "trước khi khôi phục" in out
    assert value(db_path, report_id) == "21"
    code, out, _ = cli("restore", str(made), *db, capsys=capsys)
    assert code == 0
    damage(made)
    code, _, err = cli("restore", str(made), *db, capsys=capsys)
    assert code == 2 and "bị hỏng" in err and "giữ nguyên" in err
    code, _, err = cli("restore", *db, capsys=capsys)
    assert code == 2
    code, _, err = cli("restore", str(made.with_name("khong-co.sqlite3")), *db, capsys=capsys)
    assert code == 2 and "Không tìm thấy" in err
    assert value(db_path, report_id) == "21"


def test_command_line_restores_a_file_that_will_not_open(
    db_path: Path, report_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    backup.make_backup(db_path)
    db_path.write_bytes(b"\x00" * 8192)
    assert cli("list", "--db", str(db_path), capsys=capsys)[0] == 2
    code, _, _ = cli("restore", "--latest", "--db", str(db_path), capsys=capsys)
    assert code == 0
    assert cli("show", str(report_id), "--db", str(db_path), capsys=capsys)[0] == 0


def test_list_with_no_backups(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli("backup", "--list", "--db", str(db_path), capsys=capsys)
    assert code == 0 and "Chưa có bản sao lưu" in out
    code, _, err = cli("restore", "--latest", "--db", str(db_path), capsys=capsys)
    assert code == 2 and "Chưa có bản sao lưu" in err


def test_restore_into_a_read_only_file_is_refused_before_anything(
    db_path: Path, report_id: int
) -> None:
    good = backup.make_backup(db_path)
    with read_only(db_path), pytest.raises(BackupError, match="chỉ cho phép đọc"):
        backup.restore(db_path, good.path)
    assert backup.list_backups(db_path) == [good]  # no pre-restore copy for nothing
