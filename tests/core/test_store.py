"""The store: immediate commits, history, sign-off and the lock that lives in the database."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from cchc_desktop.store import (
    ReportLockedError,
    SignOffRefusedError,
    Store,
    compute_fingerprint,
    short_fingerprint,
)
from cchc_desktop.values import ValueInputError
from tests.conftest import make_seed_report

CLEAN_SEED = "003_d8652e5c4f02bc4c"  # Sở TTTT, Quý III 2022: its numbers pass every check


def new_report(store: Store) -> int:
    return store.create_report(
        "so-ban-nganh-2022",
        "Sở Thông tin và Truyền thông",
        "2022-Q3",
        "174/BC-STTTT",
        date(2022, 9, 15),
    )


def test_database_is_wal_and_durable(store: Store) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_an_accepted_edit_is_committed_at_once(store: Store, db_path: Path) -> None:
    report_id = new_report(store)
    store.set_value(report_id, "SBN22_003", "46", note="Kế hoạch số 02/KH-STTTT")
    # A second connection sees it without anything being closed or saved.
    other = sqlite3.connect(db_path)
    assert other.execute(
        "SELECT value, note FROM entries WHERE report_id = ? AND code = 'SBN22_003'", (report_id,)
    ).fetchone() == ("46", "Kế hoạch số 02/KH-STTTT")
    other.close()


def test_history_records_old_and_new_values(store: Store) -> None:
    report_id = new_report(store)
    store.set_value(report_id, "SBN22_003", "21")
    store.set_value(report_id, "SBN22_003", "46")
    store.set_value(report_id, "SBN22_003", "")
    changes = [(h["old"], h["new"]) for h in store.history(report_id) if h["code"] == "SBN22_003"]
    assert changes == [(None, "21"), ("21", "46"), ("46", None)]
    assert all(h["at"] for h in store.history(report_id))


def test_refused_value_changes_nothing(store: Store) -> None:
    report_id = new_report(store)
    store.set_value(report_id, "SBN22_003", "21")
    with pytest.raises(ValueInputError, match="SBN22_003"):
        store.set_value(report_id, "SBN22_003", "05/05")
    assert store.report(report_id).entries["SBN22_003"].value == "21"


def test_computed_and_group_items_refuse_values(store: Store) -> None:
    report_id = new_report(store)
    with pytest.raises(ValueInputError, match="tính tự động"):
        store.set_value(report_id, "SBN22_002", "50")
    group = next(i for i in store.report(report_id).catalogue.items() if i.kind == "group")
    with pytest.raises(ValueInputError, match="tiêu đề nhóm"):
        store.set_value(report_id, group.code, "1")


def test_pending_entry_is_kept_and_blocks_sign_off(store: Store) -> None:
    report_id = new_report(store)
    store.set_pending(report_id, "SBN22_003", "05/05")
    report = store.report(report_id)
    assert report.entries["SBN22_003"].pending == "05/05"
    errors = store.validate(report_id).errors
    assert [p.check_id for p in errors] == ["nhap-sai"] and "05/05" in errors[0].message
    with pytest.raises(SignOffRefusedError):
        store.sign_off(report_id, "Nguyễn Văn A", "GIÁM ĐỐC")
    store.set_value(report_id, "SBN22_003", "46")
    assert store.report(report_id).entries["SBN22_003"].pending is None


def test_set_many_is_all_or_nothing(store: Store) -> None:
    report_id = new_report(store)
    rows = [("SBN22_003", "46", ""), ("SBN22_004", "40", ""), ("SBN22_005", "abc", "")]
    with pytest.raises(ValueInputError, match="Dòng 3"):
        store.set_many(report_id, rows)
    assert store.report(report_id).entries == {}


def test_counters_follow_edits(store: Store) -> None:
    report_id = new_report(store)
    before = store.summary(report_id)
    store.set_value(report_id, "SBN22_003", "21")
    store.set_value(report_id, "SBN22_004", "25")  # more done than planned
    after = store.summary(report_id)
    assert after.filled == before.filled + 3  # two values and the computed rate
    assert after.errors == 1


def test_sign_off_refused_while_errors(store: Store) -> None:
    report_id = new_report(store)
    store.set_value(report_id, "SBN22_003", "21")
    store.set_value(report_id, "SBN22_004", "25")
    with pytest.raises(SignOffRefusedError) as caught:
        store.sign_off(report_id, "Nguyễn Văn A", "GIÁM ĐỐC")
    assert caught.value.problems and store.report(report_id).status == "draft"


def test_signed_off_report_is_read_only_in_the_store_itself(store: Store, db_path: Path) -> None:
    report_id = make_seed_report(store, CLEAN_SEED)
    fingerprint = store.sign_off(
        report_id, "Trần Văn B", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", date(2022, 9, 15)
    )
    assert len(fingerprint) == 64 and short_fingerprint(fingerprint).count("-") == 3
    for attempt in (
        lambda: store.set_value(report_id, "SBN22_003", "1"),
        lambda: store.set_note(report_id, "SBN22_003", "x"),
        lambda: store.set_many(report_id, [("SBN22_003", "1", None)]),
        lambda: store.update_details(report_id, report_no="1/BC"),
        lambda: store.delete_report(report_id),
    ):
        with pytest.raises(ReportLockedError):
            attempt()
    # Even a plain SQL connection that bypasses the API is refused by the triggers.
    raw = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.DatabaseError, match="signed off"):
        raw.execute("UPDATE entries SET value = '999' WHERE report_id = ?", (report_id,))
    with pytest.raises(sqlite3.DatabaseError, match="signed off"):
        raw.execute("UPDATE reports SET agency = 'X' WHERE id = ?", (report_id,))
    raw.close()
    report = store.report(report_id)
    assert store.fingerprint_matches(report) and compute_fingerprint(report) == fingerprint


def test_reopen_is_recorded_and_returns_to_draft(store: Store) -> None:
    report_id = make_seed_report(store, CLEAN_SEED)
    fingerprint = store.sign_off(report_id, "Trần Văn B", "GIÁM ĐỐC")
    store.reopen(report_id)
    report = store.report(report_id)
    assert report.status == "draft" and report.fingerprint is None
    statuses = [(h["old"], h["new"]) for h in store.history(report_id) if h["field"] == "status"]
    assert statuses[-2:] == [("draft", f"signed {fingerprint}"), (f"signed {fingerprint}", "draft")]
    store.set_value(report_id, "SBN22_003", "47")  # editable again


def test_fingerprint_covers_values_notes_and_heading(store: Store) -> None:
    report_id = make_seed_report(store, CLEAN_SEED)
    base = compute_fingerprint(store.report(report_id))
    store.set_note(report_id, "SBN22_003", "ghi chú mới")
    with_note = compute_fingerprint(store.report(report_id))
    store.update_details(report_id, report_no="175/BC-STTTT")
    with_number = compute_fingerprint(store.report(report_id))
    assert len({base, with_note, with_number}) == 3


def test_notes_are_kept_exactly(store: Store) -> None:
    report_id = new_report(store)
    note = "Kế hoạch số 72/KH-SLĐTBXH ngày 28/12/2022\n\n  - dòng hai <b>R&D</b> = 1 "
    store.set_note(report_id, "SBN22_003", note)
    assert store.report(report_id).note("SBN22_003") == note
    store.set_note(report_id, "SBN22_003", "Kê\u0301 hoạch")  # decomposed input comes back NFC
    assert store.report(report_id).note("SBN22_003") == "Kế hoạch"


def test_agencies_are_data(store: Store) -> None:
    store.save_agency("Sở Thông tin và Truyền thông", "UBND TỈNH SÓC TRĂNG", "Sóc Trăng")
    report_id = new_report(store)
    report = store.report(report_id)
    assert (report.superior, report.place) == ("UBND TỈNH SÓC TRĂNG", "Sóc Trăng")
    # Provinces merge: renaming the place for new reports leaves old reports as they were.
    store.save_agency("Sở Thông tin và Truyền thông", "UBND THÀNH PHỐ CẦN THƠ", "Cần Thơ")
    assert store.report(report_id).place == "Sóc Trăng"
    assert store.report(new_report(store)).place == "Cần Thơ"


def test_report_list_filters(store: Store) -> None:
    new_report(store)
    store.create_report("co-quan-tw-2021", "Bảo hiểm xã hội tỉnh", "2021-Y")
    assert [s.agency for s in store.reports("bảo hiểm")] == ["Bảo hiểm xã hội tỉnh"]
    assert [s.period.code for s in store.reports()] == ["2022-Q3", "2021-Y"]


def test_imported_catalogue_is_kept_in_the_database(store: Store, tmp_path: Path) -> None:
    import json

    from cchc_desktop.assets import resources_dir

    data = json.loads(
        (resources_dir() / "catalogues" / "so-ban-nganh-2022.json").read_text("utf-8")
    )
    data.update(id="so-ban-nganh-2024", title="Sở, ban, ngành tỉnh (mẫu 2024)", version="2024.1")
    path = tmp_path / "mau-2024.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    store.import_catalogue(path)
    path.unlink()  # the file is gone; the database keeps the list
    report_id = store.create_report("so-ban-nganh-2024", "Sở Nội vụ", "2024-Q1")
    assert store.report(report_id).catalogue.title == "Sở, ban, ngành tỉnh (mẫu 2024)"


def _same_as_full(store: Store, report_id: int, evaluation: object) -> None:
    full = store.report(report_id).evaluate()
    assert evaluation is not None
    assert (evaluation.values, evaluation.problems) == (full.values, full.problems)  # type: ignore[attr-defined]
    summary = store.summary(report_id)
    assert (summary.filled, summary.errors, summary.warnings) == (
        full.filled,
        len(full.errors),
        len(full.warnings),
    )


def test_an_edit_sees_what_others_wrote_since_the_last_one(store: Store, db_path: Path) -> None:
    """Writes reuse the entries and evaluation of the previous write only while nothing else
    wrote: another program, raw SQL on this connection, a refused or rolled-back write."""
    from cchc_desktop.store import ChangedElsewhereError, Entry

    report_id = new_report(store)
    other_report = new_report(store)
    _same_as_full(store, report_id, store.set_value(report_id, "SBN22_003", "46").evaluation)
    _same_as_full(store, report_id, store.set_value(report_id, "SBN22_004", "40").evaluation)

    other = sqlite3.connect(db_path)  # another program: 50 done out of a plan of 46
    with other:
        other.execute(
            "UPDATE entries SET value = '50' WHERE report_id = ? AND code = 'SBN22_004'",
            (report_id,),
        )
    other.close()
    change = store.set_value(report_id, "SBN22_005", "3")
    assert change.evaluation is not None and change.evaluation.values["SBN22_004"] == "50"
    _same_as_full(store, report_id, change.evaluation)

    with store.atomic():  # this connection, behind the store's back (a restore, a repair)
        store.conn.execute(
            "UPDATE entries SET value = '10' WHERE report_id = ? AND code = 'SBN22_003'",
            (report_id,),
        )
    _same_as_full(store, report_id, store.set_value(report_id, "SBN22_005", "4").evaluation)

    with pytest.raises(ChangedElsewhereError):
        store.set_value(report_id, "SBN22_003", "11", expected=Entry("99"))
    with pytest.raises(ValueInputError):
        store.set_many(report_id, [("SBN22_003", "12", None), ("SBN22_004", "abc", None)])
    _same_as_full(store, report_id, store.set_value(report_id, "SBN22_007", "2").evaluation)

    store.set_value(other_report, "SBN22_003", "7")  # another report in between
    _same_as_full(store, report_id, store.set_value(report_id, "SBN22_003", "8").evaluation)
    _same_as_full(store, other_report, store.set_value(other_report, "SBN22_004", "9").evaluation)
