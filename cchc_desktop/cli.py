"""The `cchc` command line: every core operation without a window.

Exit codes: 0 success, 1 refused (validation errors, signed-off report), 2 bad input or usage.
Messages go to stderr in Vietnamese, never as a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from cchc_desktop import __version__, paths
from cchc_desktop.catalogue import CatalogueError
from cchc_desktop.migrations import DatabaseTooNewError
from cchc_desktop.periods import PeriodError
from cchc_desktop.rules import Evaluation
from cchc_desktop.store import (
    NotFoundError,
    ReportLockedError,
    SignOffRefusedError,
    Store,
    StoreError,
    environment_message,
)
from cchc_desktop.values import ValueInputError, display_value, json_value

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
log = logging.getLogger("cchc_desktop")


class UsageError(Exception):
    """Bad arguments: exit 2."""


class Refused(Exception):
    """The store refused: exit 1."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise UsageError(f"Lỗi cú pháp lệnh: {message}")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ngày “{text}” không hợp lệ, cần dạng NĂM-THÁNG-NGÀY, ví dụ 2022-09-15"
        ) from None


def _report_id(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"mã báo cáo “{text}” phải là một số nguyên dương")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    # SUPPRESS: a sub-command must not reset a --db given before it (cchc --db X list).
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="đường dẫn tệp dữ liệu SQLite (mặc định: thư mục người dùng)",
    )

    parser = _Parser(
        prog="cchc",
        description="CCHC Desktop: Phụ lục thống kê số liệu báo cáo cải cách hành chính.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"cchc {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    cat = sub.add_parser("catalogues", parents=[common], help="danh mục chỉ tiêu")
    cat.add_argument("--json", action="store_true")
    cat_sub = cat.add_subparsers(dest="catalogue_command", parser_class=_Parser)
    show = cat_sub.add_parser("show", parents=[common], help="xem một danh mục")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    imp = cat_sub.add_parser("import", parents=[common], help="cài một danh mục từ tệp JSON")
    imp.add_argument("file")

    new = sub.add_parser("new", parents=[common], help="tạo báo cáo mới")
    new.add_argument("--catalogue", required=True)
    new.add_argument("--agency", required=True)
    new.add_argument("--period", required=True, help="2023-Q1, 2023-H1, 2023-Q3 hoặc 2023-Y")
    new.add_argument("--report-no", default="")
    new.add_argument("--report-date", type=_date)
    new.add_argument("--superior", help="cơ quan chủ quản in trên tiêu đề, ví dụ UBND TỈNH …")
    new.add_argument("--place", help="địa danh ghi ở dòng ngày tháng")

    lst = sub.add_parser("list", parents=[common], help="danh sách báo cáo")
    lst.add_argument("--json", action="store_true")
    lst.add_argument("--filter", default="")

    shw = sub.add_parser("show", parents=[common], help="xem một báo cáo")
    shw.add_argument("id", type=_report_id)
    shw.add_argument("--json", action="store_true")

    st = sub.add_parser("set", parents=[common], help="nhập số liệu")
    st.add_argument("id", type=_report_id)
    st.add_argument("code", nargs="?")
    st.add_argument("value", nargs="?")
    st.add_argument("--note")
    st.add_argument("--file", help="tệp CSV UTF-8 với các cột code,value,note")

    val = sub.add_parser("validate", parents=[common], help="kiểm tra số liệu")
    val.add_argument("id", type=_report_id)
    val.add_argument("--json", action="store_true")

    sign = sub.add_parser("sign-off", parents=[common], help="ký duyệt báo cáo")
    sign.add_argument("id", type=_report_id)
    sign.add_argument("--signer", required=True)
    sign.add_argument("--title", required=True)
    sign.add_argument("--date", type=_date)

    reopen = sub.add_parser("reopen", parents=[common], help="mở lại báo cáo đã ký để sửa")
    reopen.add_argument("id", type=_report_id)

    hist = sub.add_parser("history", parents=[common], help="lịch sử thay đổi của báo cáo")
    hist.add_argument("id", type=_report_id)
    hist.add_argument("--json", action="store_true")

    for extra in _EXTENSIONS:
        extra(sub, common)
    return parser


# Later modules (export, import, backup) add their sub-commands here.
_EXTENSIONS: list[Callable[[Any, argparse.ArgumentParser], None]] = []
_HANDLERS: dict[str, Callable[[Store, argparse.Namespace], int]] = {}
_STORELESS: dict[str, Callable[[argparse.Namespace], int]] = {}


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def cmd_catalogues(store: Store, args: argparse.Namespace) -> int:
    if args.catalogue_command == "import":
        catalogue = store.import_catalogue(args.file)
        print(f"Đã cài danh mục {catalogue.id} (phiên bản {catalogue.version}): {catalogue.title}")
        return EXIT_OK
    if args.catalogue_command == "show":
        catalogue = store.catalogue(args.id)
        if args.json:
            _print_json(catalogue.to_public_dict())
            return EXIT_OK
        print(f"{catalogue.title} [{catalogue.id}, phiên bản {catalogue.version}]")
        for section in catalogue.sections:
            print(f"\n{section.stt}\t{section.title}")
            for item in section.items:
                kind = {"group": "", "computed": " (tự tính)"}.get(item.kind, "")
                print(f"  {item.code}\t{item.stt}\t{item.name}\t[{item.printed_unit}]{kind}")
        return EXIT_OK
    catalogues = store.catalogues()
    if args.json:
        _print_json(
            [
                {
                    "id": c.id,
                    "title": c.title,
                    "version": c.version,
                    "sections": len(c.sections),
                    "items": sum(1 for _ in c.items()),
                }
                for c in catalogues
            ]
        )
    else:
        for c in catalogues:
            print(f"{c.id}\t{c.version}\t{c.title}")
    return EXIT_OK


def cmd_new(store: Store, args: argparse.Namespace) -> int:
    report_id = store.create_report(
        args.catalogue,
        args.agency,
        args.period,
        args.report_no,
        args.report_date,
        superior=args.superior,
        place=args.place,
    )
    print(report_id)
    return EXIT_OK


def cmd_list(store: Store, args: argparse.Namespace) -> int:
    summaries = store.reports(args.filter)
    if args.json:
        _print_json([s.to_dict() for s in summaries])
        return EXIT_OK
    for s in summaries:
        status = "đã ký" if s.status == "signed" else "nháp"
        print(
            f"{s.id}\t{s.agency}\t{s.period.label}\t{s.catalogue_id}\t{status}\t"
            f"{s.filled}/{s.total}\t{s.errors} lỗi, {s.warnings} cảnh báo"
        )
    return EXIT_OK


def report_json(store: Store, report_id: int) -> dict[str, Any]:
    """The object `cchc show ID --json` prints."""
    report = store.report(report_id)
    evaluation = store.validate(report_id)
    values = []
    for item in report.catalogue.items():
        if item.kind == "group" and not report.note(item.code):
            continue
        stored = evaluation.values.get(item.code)
        entry = report.entries.get(item.code)
        row: dict[str, Any] = {
            "code": item.code,
            "stt": item.stt,
            "name": item.name,
            "kind": item.kind,
            "value": json_value(item, stored) if item.kind != "group" else None,
            "display": display_value(item, stored) if item.kind != "group" else "",
            "note": report.note(item.code),
        }
        if entry is not None and entry.pending is not None:
            row["pending"] = entry.pending
        values.append(row)
    return {
        "id": report.id,
        "catalogue": report.catalogue.id,
        "catalogue_version": report.catalogue.version,
        "agency": report.agency,
        "superior": report.superior,
        "place": report.place,
        "period": report.period.code,
        "period_label": report.period.label,
        "report_no": report.report_no,
        "report_date": report.report_date.isoformat() if report.report_date else None,
        "status": report.status,
        "signer": report.signer,
        "signer_title": report.signer_title,
        "signed_date": report.signed_date.isoformat() if report.signed_date else None,
        "fingerprint": report.fingerprint,
        "filled": evaluation.filled,
        "total": evaluation.total,
        "errors": len(evaluation.errors),
        "warnings": len(evaluation.warnings),
        "values": values,
    }


def cmd_show(store: Store, args: argparse.Namespace) -> int:
    data = report_json(store, args.id)
    if args.json:
        _print_json(data)
        return EXIT_OK
    status = "ĐÃ KÝ" if data["status"] == "signed" else "NHÁP"
    print(f"Báo cáo {data['id']}: {data['agency']} — {data['period_label']} [{status}]")
    print(f"Danh mục {data['catalogue']}; đã nhập {data['filled']}/{data['total']}")
    for row in data["values"]:
        note = f"\t({row['note']})" if row["note"] else ""
        print(f"{row['code']}\t{row['stt']}\t{row['name'][:60]}\t{row['display']}{note}")
    return EXIT_OK


def read_values_csv(path: str) -> list[tuple[str, str | None, str | None]]:
    """Rows of a code,value,note CSV (UTF-8, with or without BOM); bad shape → ValueInputError."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ValueInputError(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from None
    except UnicodeDecodeError:
        raise ValueInputError(f"Tệp {path} không phải văn bản UTF-8.") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = list(reader)
    if not rows or [h.strip().lower() for h in rows[0][:2]] != ["code", "value"]:
        raise ValueInputError(f"Tệp {path}: dòng đầu phải là tiêu đề code,value,note.")
    out: list[tuple[str, str | None, str | None]] = []
    for number, row in enumerate(rows[1:], start=1):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > 3:
            raise ValueInputError(
                f"Dòng {number}: có {len(row)} cột, chỉ được 3 (code,value,note)."
            )
        code = row[0].strip()
        value = row[1] if len(row) > 1 else ""
        note = row[2] if len(row) > 2 else None
        out.append((code, value, note))
    return out


def cmd_set(store: Store, args: argparse.Namespace) -> int:
    if args.file:
        if args.code or args.value is not None:
            raise UsageError("Dùng hoặc CODE VALUE, hoặc --file, không dùng cả hai.")
        changes = store.set_many(args.id, read_values_csv(args.file))
        print(f"Đã lưu {len(changes)} dòng.")
        return EXIT_OK
    if not args.code or args.value is None:
        raise UsageError('Cần CODE và VALUE (VALUE rỗng "" để xóa), hoặc --file.')
    report = store.report(args.id)
    item = report.catalogue.by_code.get(args.code)
    if item is not None and item.kind == "group" and args.note is not None and not args.value:
        store.set_note(args.id, args.code, args.note)
        return EXIT_OK
    change = store.set_value(args.id, args.code, args.value, args.note)
    if item is not None:
        shown = display_value(item, change.new_value) or "(trống)"
        print(f"{args.code} = {shown}")
    return EXIT_OK


def _problems_json(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "errors": [p.to_dict() for p in evaluation.errors],
        "warnings": [p.to_dict() for p in evaluation.warnings],
    }


def cmd_validate(store: Store, args: argparse.Namespace) -> int:
    evaluation = store.validate(args.id)
    if args.json:
        _print_json(_problems_json(evaluation))
    else:
        for problem in evaluation.problems:
            label = "LỖI" if problem.severity == "error" else "CẢNH BÁO"
            codes = ", ".join(problem.codes)
            print(f"{label}\t{codes}\t{problem.message}")
        print(f"{len(evaluation.errors)} lỗi, {len(evaluation.warnings)} cảnh báo.")
    return EXIT_REFUSED if evaluation.errors else EXIT_OK


def cmd_sign_off(store: Store, args: argparse.Namespace) -> int:
    warnings = store.validate(args.id).warnings
    fingerprint = store.sign_off(args.id, args.signer, args.title, args.date)
    for problem in warnings:
        print(f"CẢNH BÁO\t{', '.join(problem.codes)}\t{problem.message}", file=sys.stderr)
    print(f"Đã ký duyệt báo cáo {args.id}. Dấu kiểm tra SHA-256: {fingerprint}")
    return EXIT_OK


def cmd_reopen(store: Store, args: argparse.Namespace) -> int:
    store.reopen(args.id)
    print(f"Đã mở lại báo cáo {args.id} để sửa (trở về bản nháp).")
    return EXIT_OK


def cmd_history(store: Store, args: argparse.Namespace) -> int:
    store.report(args.id)
    rows = store.history(args.id)
    if args.json:
        _print_json(rows)
    else:
        for row in rows:
            print(
                f"{row['at']}\t{row['code'] or ''}\t{row['field']}\t{row['old']!r} → {row['new']!r}"
            )
    return EXIT_OK


_HANDLERS.update(
    {
        "catalogues": cmd_catalogues,
        "new": cmd_new,
        "list": cmd_list,
        "show": cmd_show,
        "set": cmd_set,
        "validate": cmd_validate,
        "sign-off": cmd_sign_off,
        "reopen": cmd_reopen,
        "history": cmd_history,
    }
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    _load_extensions()
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    if not hasattr(args, "db"):  # --db given nowhere (see the SUPPRESS default above)
        args.db = None
    try:
        if args.command in _STORELESS:  # backup, restore: must work on a file that will not open
            return _STORELESS[args.command](args)
        with Store.open(paths.database_path(args.db)) as store:
            return _HANDLERS[args.command](store, args)
    except (ReportLockedError, SignOffRefusedError, Refused) as exc:
        print(exc, file=sys.stderr)
        for problem in getattr(exc, "problems", []):
            print(f"LỖI\t{', '.join(problem.codes)}\t{problem.message}", file=sys.stderr)
        return EXIT_REFUSED
    except (
        UsageError,
        ValueInputError,
        NotFoundError,
        CatalogueError,
        PeriodError,
        StoreError,
        DatabaseTooNewError,
        ValueError,
    ) as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.Error as exc:
        message = environment_message(exc)
        if message is None:  # not the disk or the file: a bug, logged with its details
            _log_bug(exc)
            message = f"Lỗi cơ sở dữ liệu ({exc}). Chi tiết đã ghi vào {paths.log_path()}."
        print(message, file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"Lỗi hệ thống tệp: {exc.strerror or exc} ({exc.filename or ''})", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: log the details, show a short message
        _log_bug(exc)
        print(
            f"Lỗi không mong đợi ({type(exc).__name__}). Chi tiết đã ghi vào {paths.log_path()}.",
            file=sys.stderr,
        )
        return EXIT_USAGE


def _log_bug(exc: BaseException) -> None:
    try:
        handler = logging.FileHandler(paths.log_path(), encoding="utf-8")
        log.addHandler(handler)
        log.error("unexpected error", exc_info=exc)
        log.removeHandler(handler)
        handler.close()
    except OSError:
        pass


def _load_extensions() -> None:
    """Import the command modules that register sub-commands (exports, backups, …)."""
    import importlib

    for name in ("cchc_desktop.exports.commands", "cchc_desktop.backup"):
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def register(
    name: str,
    add_parser: Callable[[Any, argparse.ArgumentParser], None],
    handler: Callable[[Store, argparse.Namespace], int],
) -> None:
    """Let another core module add a sub-command."""
    if name not in _HANDLERS:
        _EXTENSIONS.append(add_parser)
        _HANDLERS[name] = handler


def register_without_store(
    name: str,
    add_parser: Callable[[Any, argparse.ArgumentParser], None],
    handler: Callable[[argparse.Namespace], int],
) -> None:
    """Add a sub-command that opens the database itself (or not at all): backup and restore
    must work on a file that Store.open refuses (corrupt, too new, locked)."""
    if name not in _HANDLERS and name not in _STORELESS:
        _EXTENSIONS.append(add_parser)
        _STORELESS[name] = handler
